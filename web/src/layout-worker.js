// Computes the graph layout off the page's thread, so the page stays responsive meanwhile.
import { layout } from "./layout.js";

self.onmessage = (event) => {
  const { nodes, edges } = event.data;
  self.postMessage(layout(nodes, edges));
};
