// The reader: clicking (or focusing) a highlight or a side-panel row selects its item, lights
// every span of it and shows its explanation and onward link in the side panel.
const byRef = new Map();
for (const node of document.querySelectorAll("[data-ref]")) {
  for (const ref of node.getAttribute("data-ref").split(" ")) {
    if (!ref) continue;
    if (!byRef.has(ref)) byRef.set(ref, []);
    byRef.get(ref).push(node);
  }
}
const detail = document.getElementById("detail-text");
const onward = document.getElementById("detail-link");
let lit = [];

function clear() {
  for (const node of lit) node.classList.remove("hl");
  lit = [];
}

function rowFor(ref) {
  return (byRef.get(ref) || []).find((n) => n.tagName === "LI");
}

function select(node, scroll) {
  clear();
  const refs = node.getAttribute("data-ref").split(" ").filter(Boolean);
  for (const ref of refs) {
    for (const other of byRef.get(ref) || []) {
      other.classList.add("hl");
      lit.push(other);
    }
  }
  detail.textContent = node.getAttribute("title") || "";
  onward.replaceChildren();
  const main = rowFor(refs[0]) || node;
  const target = main.getAttribute("data-link");
  if (target && target.startsWith("/") && !target.startsWith("//")) {
    const a = document.createElement("a");
    a.href = target;
    a.textContent = `open ${main.getAttribute("data-kind")} →`;
    onward.append(a);
  }
  document.body.setAttribute("data-selected", `${main.getAttribute("data-kind")}:${main.getAttribute("data-id")}`);
  if (scroll) {
    const span = (byRef.get(refs[0]) || []).find((n) => n.classList.contains("seg"));
    if (span) span.scrollIntoView({ block: "center" });
  }
}

document.addEventListener("click", (ev) => {
  if (ev.target.closest("a")) return;
  const node = ev.target.closest("[data-ref]");
  if (node) select(node, node.tagName === "LI");
});
document.addEventListener("keydown", (ev) => {
  if (ev.key !== "Enter") return;
  const node = document.activeElement && document.activeElement.closest("[data-ref]");
  if (node) select(node, true);
});
