// Events and places on an offline world map: Natural Earth country shapes from the
// world-atlas package (bundled, no tiles), projected with d3-geo and drawn on a canvas.
// Nearby places are clustered on screen; a table view lists the same places.
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { feature, mesh } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { cell, el, fill, fitCanvas, getJSON, panZoom, status } from "./common.js";

const box = document.getElementById("map");
const canvas = document.getElementById("map-canvas");
const hover = document.getElementById("map-hover");
const land = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
const CLUSTER_PX = 16;

function render(places) {
  const { ctx, width, height } = fitCanvas(canvas, Math.max(380, Math.min(620, window.innerHeight - 280)));
  const projection = geoNaturalEarth1().fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
  const [tx, ty] = projection.translate();
  const s0 = projection.scale();
  const view = { x: 0, y: 0, k: 1 };
  const path = geoPath(projection, ctx);
  const size = (p) => (p.n_events > 0 ? p.n_events : p.n_mentions || 1);
  let clusters = [];

  function cluster() {
    const cells = new Map();
    const out = [];
    for (const p of places) {
      const xy = projection([p.lon, p.lat]);
      if (!xy) continue;
      const key = `${Math.floor(xy[0] / CLUSTER_PX)},${Math.floor(xy[1] / CLUSTER_PX)}`;
      let c = cells.get(key);
      if (!c) {
        c = { x: 0, y: 0, weight: 0, places: [] };
        cells.set(key, c);
        out.push(c);
      }
      const w = size(p);
      c.x = (c.x * c.weight + xy[0] * w) / (c.weight + w);
      c.y = (c.y * c.weight + xy[1] * w) / (c.weight + w);
      c.weight += w;
      c.places.push(p);
    }
    return out;
  }

  function draw() {
    projection.scale(s0 * view.k).translate([tx * view.k + view.x, ty * view.k + view.y]);
    ctx.clearRect(0, 0, width, height);
    ctx.beginPath();
    path({ type: "Sphere" });
    ctx.fillStyle = "#eef4f8";
    ctx.fill();
    ctx.beginPath();
    path(land);
    ctx.fillStyle = "#e4e1d8";
    ctx.fill();
    ctx.beginPath();
    path(borders);
    ctx.strokeStyle = "#b9b4a8";
    ctx.lineWidth = 0.5;
    ctx.stroke();
    clusters = cluster();
    const maxW = Math.max(1, ...clusters.map((c) => c.weight));
    ctx.font = "11px system-ui, sans-serif";
    for (const c of clusters) {
      c.r = 3 + 12 * Math.sqrt(c.weight / maxW);
      ctx.beginPath();
      ctx.arc(c.x, c.y, c.r, 0, 2 * Math.PI);
      ctx.fillStyle = c.places.some((p) => p.n_events > 0) ? "rgba(208,52,44,0.75)" : "rgba(31,95,191,0.65)";
      ctx.fill();
      ctx.strokeStyle = "#fff";
      ctx.stroke();
      if (c.places.length > 1) {
        ctx.fillStyle = "#fff";
        ctx.textAlign = "center";
        ctx.fillText(String(c.places.length), c.x, c.y + 4);
      }
    }
  }

  function clusterAt(x, y) {
    return clusters.find((c) => Math.hypot(c.x - x, c.y - y) <= c.r + 3) || null;
  }

  panZoom(canvas, view, draw, (x, y) => {
    const c = clusterAt(x, y);
    if (!c) return;
    if (c.places.length === 1) {
      window.location.assign(`/search?q=${encodeURIComponent(c.places[0].name)}`);
    } else {
      const k = Math.min(40, view.k * 2);
      view.x = width / 2 - (c.x - view.x) * (k / view.k);
      view.y = height / 2 - (c.y - view.y) * (k / view.k);
      view.k = k;
      draw();
    }
  });
  canvas.addEventListener("mousemove", (ev) => {
    const r = canvas.getBoundingClientRect();
    const c = clusterAt(ev.clientX - r.left, ev.clientY - r.top);
    canvas.style.cursor = c ? "pointer" : "grab";
    hover.textContent = c
      ? c.places
          .slice(0, 6)
          .map((p) => `${p.name} (${p.country || "?"}): ${p.n_events} events, ${p.n_mentions} mentions`)
          .join(" · ") + (c.places.length > 6 ? ` … and ${c.places.length - 6} more` : "")
      : "";
  });
  draw();

  fill(document.querySelector("#map-places tbody"), places, (p) =>
    el(
      "tr",
      { "data-kind": "place", "data-id": p.id },
      cell(p.name),
      cell(p.country || ""),
      cell(p.kind || ""),
      cell(`${Number(p.lat).toFixed(3)}, ${Number(p.lon).toFixed(3)}`),
      cell(String(p.n_events), "num"),
      cell(String(p.n_mentions), "num"),
    ),
  );
  status("map-status", `${places.length} places in ${clusters.length} clusters`, "drawn");
  box.setAttribute("data-places", String(places.length));
  box.setAttribute("data-clusters", String(clusters.length));
}

getJSON(box.getAttribute("data-api"))
  .then(render)
  .catch((err) => status("map-status", `Could not load the map (${err.message})`, "failed"));
