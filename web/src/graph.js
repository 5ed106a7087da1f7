// The actor network: a ForceAtlas2 layout computed once (from a fixed start, so the same data
// gives the same picture), drawn on a canvas; a table view lists the same nodes and edges.
import { layout } from "./layout.js";
import { cell, el, fill, fitCanvas, getJSON, link, panZoom, status } from "./common.js";

const box = document.getElementById("graph");
const canvas = document.getElementById("graph-canvas");
const hover = document.getElementById("graph-hover");

function edgeColour(edge) {
  if (edge.kind !== "interaction") {
    return { ally: "#2e7d32", adversary: "#c62828", proxy: "#6a1b9a" }[edge.kind] || "#6d4c41";
  }
  if (edge.balance > 0.2) return "#2e9d57";
  if (edge.balance < -0.2) return "#d0342c";
  return "#d29a00";
}

/** The layout, computed in a worker when the browser has workers. */
function computeLayout(data) {
  const nodes = data.nodes.map((n) => ({ id: n.id }));
  const edges = data.edges.map((e) => ({ source_id: e.source_id, target_id: e.target_id, weight: e.weight }));
  if (typeof Worker === "undefined") return Promise.resolve(layout(nodes, edges));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./layout-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "layout failed"));
    };
    worker.postMessage({ nodes, edges });
  });
}

function render(data, positions) {
  const { nodes, edges } = data;
  performance.mark("graph-layout");
  const pos = new Map(positions.map(([id, x, y]) => [id, { x, y }]));
  const maxMentions = Math.max(1, ...nodes.map((n) => n.n_mentions || 1));
  const radius = new Map(nodes.map((n) => [n.id, 3 + 9 * Math.sqrt((n.n_mentions || 1) / maxMentions)]));
  const { ctx, width, height } = fitCanvas(canvas, Math.max(420, Math.min(720, window.innerHeight - 260)));
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 60) / Math.max(1e-6, x1 - x0), (height - 60) / Math.max(1e-6, y1 - y0));
  const k = Number.isFinite(scale) ? scale : 1;
  // centred in the canvas
  const dx = (width - (x1 - x0) * k) / 2;
  const dy = (height - (y1 - y0) * k) / 2;
  const base = new Map();
  for (const [id, p] of pos) base.set(id, { x: dx + (p.x - x0) * k, y: dy + (p.y - y0) * k });
  if (nodes.length === 1) base.set(nodes[0].id, { x: width / 2, y: height / 2 });
  const view = { x: 0, y: 0, k: 1 };
  let active = null;
  const neighbours = new Map(nodes.map((n) => [n.id, new Set()]));
  for (const e of edges) {
    neighbours.get(e.source_id).add(e.target_id);
    neighbours.get(e.target_id).add(e.source_id);
  }
  const screen = (id) => {
    const p = base.get(id);
    return { x: p.x * view.k + view.x, y: p.y * view.k + view.y };
  };
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  // labels for every node of a small graph, else for the 40 most mentioned
  const labelled = new Set(
    [...nodes]
      .sort((a, b) => (b.n_mentions || 0) - (a.n_mentions || 0))
      .slice(0, nodes.length <= 150 ? nodes.length : 40)
      .map((n) => n.id),
  );

  function draw() {
    ctx.clearRect(0, 0, width, height);
    ctx.lineCap = "round";
    for (const e of edges) {
      const a = screen(e.source_id);
      const b = screen(e.target_id);
      const near = active === null || e.source_id === active || e.target_id === active;
      ctx.globalAlpha = near ? 0.75 : 0.08;
      ctx.strokeStyle = edgeColour(e);
      ctx.lineWidth = 0.6 + 3.4 * Math.sqrt(e.weight / maxWeight);
      ctx.setLineDash(e.kind === "interaction" ? [] : [5, 3]);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.font = "12px system-ui, sans-serif";
    for (const n of nodes) {
      const p = screen(n.id);
      const near = active === null || n.id === active || neighbours.get(active).has(n.id);
      ctx.globalAlpha = near ? 1 : 0.2;
      ctx.fillStyle = n.type === "PERSON" ? "#1f5fbf" : n.type === "GPE" ? "#2e9d57" : "#7b3fbf";
      ctx.beginPath();
      ctx.arc(p.x, p.y, radius.get(n.id), 0, 2 * Math.PI);
      ctx.fill();
      if ((labelled.has(n.id) && near) || n.id === active) {
        ctx.fillStyle = "#1d1d1f";
        ctx.fillText(n.name, p.x + radius.get(n.id) + 2, p.y + 4);
      }
    }
    ctx.globalAlpha = 1;
  }

  function nodeAt(x, y) {
    let best = null;
    let bestD = Infinity;
    for (const n of nodes) {
      const p = screen(n.id);
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= radius.get(n.id) + 4 && d < bestD) {
        best = n;
        bestD = d;
      }
    }
    return best;
  }

  panZoom(canvas, view, draw, (x, y) => {
    const n = nodeAt(x, y);
    if (n) window.location.assign(`/actors/${Number(n.id)}`);
  });
  canvas.addEventListener("mousemove", (ev) => {
    const r = canvas.getBoundingClientRect();
    const n = nodeAt(ev.clientX - r.left, ev.clientY - r.top);
    const id = n ? n.id : null;
    canvas.style.cursor = n ? "pointer" : "grab";
    hover.textContent = n ? `${n.name} · ${n.type || ""} ${n.country || ""} · ${n.n_mentions} mentions` : "";
    if (id !== active) {
      active = id;
      draw();
    }
  });
  draw();
  performance.mark("graph-drawn");

  // the same items as a table (screen readers, keyboard users, tests)
  const byId = new Map(nodes.map((n) => [n.id, n]));
  fill(
    document.querySelector("#graph-nodes tbody"),
    [...nodes].sort((a, b) => (b.n_mentions || 0) - (a.n_mentions || 0)),
    (n) => {
      const p = base.get(n.id);
      return el(
        "tr",
        { "data-kind": "actor", "data-id": n.id, "data-x": p.x.toFixed(1), "data-y": p.y.toFixed(1) },
        cell(link(`/actors/${Number(n.id)}`, n.name)),
        cell(n.type || ""),
        cell(n.country || ""),
        cell(String(n.n_mentions || 0), "num"),
      );
    },
  );
  fill(document.querySelector("#graph-edges tbody"), edges, (e) =>
    el(
      "tr",
      { "data-kind": "edge", "data-id": e.id, "data-balance": e.balance },
      cell(link(`/actors/${Number(e.source_id)}`, byId.get(e.source_id).name)),
      cell(e.kind),
      cell(link(`/actors/${Number(e.target_id)}`, byId.get(e.target_id).name)),
      cell(String(e.weight), "num"),
      cell(`${e.cooperation} / ${e.conflict}`),
    ),
  );
  performance.mark("graph-tables");
  status("graph-status", `${nodes.length} actors, ${edges.length} ties`, "drawn");
  box.setAttribute("data-nodes", String(nodes.length));
  box.setAttribute("data-edges", String(edges.length));
}

getJSON(box.getAttribute("data-api"))
  .then((data) => {
    performance.mark("graph-data");
    status("graph-status", `Laying out ${data.nodes.length} actors and ${data.edges.length} ties…`);
    return computeLayout(data).then((positions) => render(data, positions));
  })
  .catch((err) => status("graph-status", `Could not load the graph (${err.message})`, "failed"));
