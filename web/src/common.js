// Shared helpers: DOM building (text only, never HTML), data fetching, status lines.

/** An element with attributes and children; strings become text nodes (never markup). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

/** A link inside the site (only paths starting with "/" are accepted). */
export function link(path, text, attrs = {}) {
  const href = typeof path === "string" && path.startsWith("/") && !path.startsWith("//") ? path : "#";
  return el("a", { ...attrs, href }, text);
}

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (_) {
      /* not JSON */
    }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

export function status(id, message, state) {
  const line = document.getElementById(id);
  if (line) line.textContent = message;
  const view = document.querySelector("[data-status]");
  if (view && state) view.setAttribute("data-status", state);
}

/** A canvas sized to its box and the screen's pixel ratio; returns its 2D context. */
export function fitCanvas(canvas, height) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.parentElement.clientWidth || 800;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, width, height };
}

/**
 * Fill a table body with makeRow(item) for each item: the first `first` at once, the rest
 * behind a "show all" button (a 10,000-row table would keep the page busy for seconds).
 */
export function fill(tbody, items, makeRow, first = 500) {
  tbody.replaceChildren(...items.slice(0, first).map(makeRow));
  if (items.length <= first) return;
  const columns = tbody.parentElement.querySelectorAll("thead th").length || 1;
  const button = el("button", { type: "button", class: "more" }, `Show all ${items.length} rows`);
  const more = el("tr", { class: "more" }, el("td", { colspan: columns }, button));
  button.addEventListener("click", () => {
    more.remove();
    const rest = document.createDocumentFragment();
    for (const item of items.slice(first)) rest.append(makeRow(item));
    tbody.append(rest);
  });
  tbody.append(more);
}

export function cell(content, cls) {
  return el("td", cls ? { class: cls } : {}, content);
}

/** Pan (drag) and zoom (wheel) on a canvas; calls redraw(view) with {x, y, k}. */
export function panZoom(canvas, view, redraw, onClick) {
  let drag = null;
  let moved = false;
  canvas.addEventListener("mousedown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
    moved = false;
  });
  window.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    redraw();
  });
  window.addEventListener("mouseup", () => {
    drag = null;
  });
  canvas.addEventListener("click", (ev) => {
    if (moved) return;
    const box = canvas.getBoundingClientRect();
    onClick(ev.clientX - box.left, ev.clientY - box.top);
  });
  canvas.addEventListener(
    "wheel",
    (ev) => {
      ev.preventDefault();
      const box = canvas.getBoundingClientRect();
      const mx = ev.clientX - box.left;
      const my = ev.clientY - box.top;
      const factor = ev.deltaY < 0 ? 1.2 : 1 / 1.2;
      const k = Math.min(40, Math.max(0.3, view.k * factor));
      view.x = mx - ((mx - view.x) * k) / view.k;
      view.y = my - ((my - view.y) * k) / view.k;
      view.k = k;
      redraw();
    },
    { passive: false },
  );
}
