// The graph's layout: ForceAtlas2 from a fixed start (the same data gives the same picture),
// run a fixed number of iterations once. Used by the layout worker (and directly as a fallback).
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

/** Positions [[id, x, y], ...] for nodes [{id}] and edges [{source_id, target_id, weight}]. */
export function layout(nodes, edges) {
  const graph = new Graph({ multi: true, type: "directed" });
  const n = nodes.length;
  nodes.forEach((node, i) => {
    // a sunflower spiral: spread evenly, deterministic
    const r = 10 * Math.sqrt(i + 0.5);
    const angle = i * 2.399963;
    graph.addNode(String(node.id), { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  });
  for (const edge of edges) {
    graph.addEdge(String(edge.source_id), String(edge.target_id), { weight: Math.log1p(edge.weight) });
  }
  if (n > 1) {
    const settings = forceAtlas2.inferSettings(graph);
    settings.barnesHutOptimize = n > 300;
    settings.edgeWeightInfluence = 1;
    const iterations = n > 1000 ? 40 : n > 300 ? 100 : 300;
    forceAtlas2.assign(graph, { iterations, settings });
  }
  const out = [];
  graph.forEachNode((key, attrs) => out.push([Number(key), attrs.x, attrs.y]));
  return out;
}
