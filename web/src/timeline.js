// Events over time: stacked bars per month and PLOVER type (SVG). Dragging across months
// chooses a period, which is then applied to the timeline, the graph and the map alike
// (the period travels in the query string).
import { cell, el, fill, getJSON, link, status } from "./common.js";

const SVG = "http://www.w3.org/2000/svg";
const box = document.getElementById("timeline");
const svg = document.getElementById("timeline-chart");
const periodLine = document.getElementById("timeline-period");
const PALETTE = ["#d0342c", "#1f5fbf", "#2e9d57", "#d29a00", "#7b3fbf", "#00838f", "#8d6e63", "#ef6c00", "#546e7a", "#c2185b"];

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    if (out.length > 600) break;
  }
  return out;
}

function lastDay(month) {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

function withPeriod(path, since, until) {
  const params = new URLSearchParams(window.location.search);
  params.set("since", since);
  params.set("until", until);
  return `${path}?${params.toString()}`;
}

function render(data) {
  const byMonth = new Map();
  const types = [...new Set(data.counts.map((c) => c.type))].sort();
  for (const c of data.counts) {
    const month = c.period;
    if (!byMonth.has(month)) byMonth.set(month, new Map());
    const m = byMonth.get(month);
    m.set(c.type, (m.get(c.type) || 0) + c.n);
  }
  const known = [...byMonth.keys()].sort();
  const months = known.length ? monthsBetween(known[0], known[known.length - 1]) : [];
  const width = svg.parentElement.clientWidth || 900;
  const perRow = Math.max(1, Math.floor((width - 40) / 110));
  const legendRows = Math.ceil(types.length / perRow);
  const height = 230 + 16 * legendRows;
  const pad = { left: 40, right: 10, top: 10, bottom: 24 + 16 * legendRows };
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.replaceChildren();
  const totals = months.map((m) => [...(byMonth.get(m) || new Map()).values()].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const bw = months.length ? (width - pad.left - pad.right) / months.length : 0;
  const yOf = (v) => height - pad.bottom - ((height - pad.top - pad.bottom) * v) / max;
  svg.append(svgEl("line", { x1: pad.left, x2: width - pad.right, y1: yOf(0), y2: yOf(0), class: "axis" }));
  svg.append(svgEl("text", { x: pad.left - 6, y: yOf(max) + 4, "text-anchor": "end", class: "tick" }, String(max)));
  const colour = new Map(types.map((t, i) => [t, PALETTE[i % PALETTE.length]]));
  months.forEach((month, i) => {
    let acc = 0;
    const counts = byMonth.get(month) || new Map();
    for (const type of types) {
      const n = counts.get(type) || 0;
      if (!n) continue;
      const rect = svgEl("rect", {
        x: pad.left + i * bw + 1,
        y: yOf(acc + n),
        width: Math.max(1, bw - 2),
        height: yOf(acc) - yOf(acc + n),
        fill: colour.get(type),
        "data-month": month,
        "data-type": type,
        "data-n": n,
      });
      rect.append(svgEl("title", {}, `${month} · ${type}: ${n}`));
      svg.append(rect);
      acc += n;
    }
    const every = Math.ceil(months.length / 12);
    if (i % every === 0) {
      svg.append(svgEl("text", { x: pad.left + i * bw + bw / 2, y: height - pad.bottom + 16, "text-anchor": "middle", class: "tick" }, month));
    }
  });
  types.forEach((type, i) => {
    const x = pad.left + (i % perRow) * 110;
    const y = height - 16 * (legendRows - Math.floor(i / perRow)) + 2;
    svg.append(svgEl("rect", { x, y, width: 10, height: 10, fill: colour.get(type) }));
    svg.append(svgEl("text", { x: x + 14, y: y + 9, class: "tick" }, type));
  });

  // choosing a period: drag across the bars
  const band = svgEl("rect", { class: "brush", y: pad.top, height: height - pad.top - pad.bottom, width: 0, x: 0 });
  svg.append(band);
  let start = null;
  const monthAt = (clientX) => {
    const r = svg.getBoundingClientRect();
    const x = ((clientX - r.left) * width) / r.width;
    return Math.min(months.length - 1, Math.max(0, Math.floor((x - pad.left) / bw)));
  };
  svg.addEventListener("mousedown", (ev) => {
    if (!months.length) return;
    start = monthAt(ev.clientX);
    ev.preventDefault();
  });
  svg.addEventListener("mousemove", (ev) => {
    if (start === null) return;
    const end = monthAt(ev.clientX);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    band.setAttribute("x", String(pad.left + a * bw));
    band.setAttribute("width", String((b - a + 1) * bw));
    periodLine.textContent = `${months[a]} – ${months[b]}`;
  });
  window.addEventListener("mouseup", (ev) => {
    if (start === null) return;
    const end = monthAt(ev.clientX);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    const since = `${months[a]}-01`;
    const until = lastDay(months[b]);
    periodLine.replaceChildren(
      `Period ${since} – ${until}: `,
      link(withPeriod("/timeline", since, until), "apply here", { id: "period-timeline" }),
      " · ",
      link(withPeriod("/graph", since, until), "graph", { id: "period-graph" }),
      " · ",
      link(withPeriod("/map", since, until), "map", { id: "period-map" }),
    );
    window.location.assign(withPeriod("/timeline", since, until));
  });

  fill(document.querySelector("#timeline-events tbody"), data.events, (e) =>
    el(
      "tr",
      { "data-kind": "event", "data-id": e.id, class: `q${e.quad_class || 0}` },
      cell(e.date || "undated"),
      cell(e.type),
      cell(e.cameo || ""),
      cell(e.source || "", "long"),
      cell(e.target || "", "long"),
      cell(e.place || ""),
      cell(String(e.n_mentions), "num"),
    ),
  );
  const total = data.counts.reduce((a, c) => a + c.n, 0);
  status("timeline-status", `${total} dated events in ${known.length} months; ${data.events.length} listed`, "drawn");
  box.setAttribute("data-events", String(total));
}

getJSON(box.getAttribute("data-api"))
  .then(render)
  .catch((err) => status("timeline-status", `Could not load the timeline (${err.message})`, "failed"));
