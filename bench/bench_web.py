"""Benchmark the web UI: first render of each page on a 10,000-document SQLite store.

The store is filled with `bench_store.py`'s synthetic records (inserted directly), the web
application runs on loopback (uvicorn, one worker), and each page is timed two ways:

* server: the median time of the page's HTML response and, for the graph, map and
  timeline, of the JSON they fetch (sequential requests, warm);
* browser (when /usr/bin/chromium is present): from navigation start to the page being
  usable in Debian's Chromium — the `load` event for server-rendered pages, the drawing
  finished (``data-status=drawn``) for the graph, map and timeline. Target: <= 500 ms.

It also draws a synthetic network of 2,000 actors and 10,000 ties in the graph page (the
JSON is substituted in the browser) and times the layout and a redraw (zoom).

    .venv/bin/python bench/bench_web.py [--docs 10000] [--db sqlite:///FILE] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench_store import synthetic_record

from dossier.store.core import Store, meta_for

CHROMIUM = Path("/usr/bin/chromium")


def fill(store: Store, docs: int) -> None:
    have = store.counts()["documents"]
    rng = random.Random(7)
    for n in range(have):  # keep the generator's sequence whatever was stored before
        synthetic_record(n, rng)
    batch: list[Any] = []
    start = time.perf_counter()
    for n in range(have, docs):
        record = synthetic_record(n, rng)
        batch.append((record, meta_for(record)))
        if len(batch) == 500:
            store.add_records(batch)
            batch = []
    if batch:
        store.add_records(batch)
    if docs > have:
        print(f"inserted {docs - have} synthetic records in {time.perf_counter() - start:.1f}s")


def serve(store: Store) -> tuple[str, Any]:
    import uvicorn

    from dossier.web.app import create_web_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_web_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def get_ms(url: str, runs: int) -> float:
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        if i:  # the first request warms caches
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def big_graph(nodes: int = 2000, edges: int = 10_000) -> dict[str, Any]:
    rng = random.Random(3)
    node_rows = [
        {
            "id": i + 1,
            "name": f"Actor {i + 1}",
            "type": rng.choice(["PERSON", "ORG", "GPE"]),
            "country": rng.choice(["IRN", "ISR", "USA", "RUS", "UKR", None]),
            "sector": None,
            "actor_code": None,
            "n_mentions": rng.randint(1, 500),
        }
        for i in range(nodes)
    ]
    seen: set[tuple[int, int]] = set()
    edge_rows = []
    while len(edge_rows) < edges:
        a = rng.randint(1, nodes)
        b = (
            min(nodes, max(1, a + int(rng.gauss(0, 40))))
            if rng.random() < 0.8
            else rng.randint(1, nodes)
        )
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        coop, conflict = rng.randint(0, 5), rng.randint(0, 5)
        edge_rows.append(
            {
                "id": f"{a}-{b}-interaction",
                "source_id": a,
                "target_id": b,
                "source": f"Actor {a}",
                "target": f"Actor {b}",
                "kind": "interaction",
                "weight": float(coop + conflict + 1),
                "n_events": coop + conflict + 1,
                "cooperation": coop,
                "conflict": conflict,
                "balance": round((coop - conflict) / (coop + conflict), 4)
                if coop + conflict
                else 0,
            }
        )
    return {"nodes": node_rows, "edges": edge_rows}


def browser_times(base: str, pages: dict[str, tuple[str, str | None]], runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        print("browser (Chromium): navigation start to usable, median of", runs)
        for name, (path, drawn) in pages.items():
            times = []
            for i in range(runs + 1):
                page.goto(base + path, wait_until="load")
                if drawn:
                    page.wait_for_selector(f"{drawn}[data-status=drawn]", timeout=60_000)
                ms = page.evaluate("() => performance.now()")
                if i:
                    times.append(ms)
            ms = statistics.median(times)
            print(f"  {ms:7.0f} ms  {'ok' if ms <= 500 else 'SLOW':4}  {name:28} {path}")
        payload = json.dumps(big_graph())
        page.route(
            "**/api/views/graph*",
            lambda route: route.fulfill(body=payload, content_type="application/json"),
        )
        page.goto(base + "/graph", wait_until="load")
        page.wait_for_selector("#graph[data-status=drawn]", timeout=120_000)
        drawn_ms = page.evaluate("() => performance.now()")
        marks = page.evaluate(
            "() => Object.fromEntries(performance.getEntriesByType('mark')"
            ".map(m => [m.name, Math.round(m.startTime)]))"
        )
        redraw = page.evaluate(
            """() => { const c = document.getElementById('graph-canvas');
            const r = c.getBoundingClientRect(); const t = performance.now();
            for (let i = 0; i < 5; i++) c.dispatchEvent(new WheelEvent('wheel', {deltaY: -100,
              clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, cancelable: true}));
            return (performance.now() - t) / 5; }"""
        )
        hover = page.evaluate(
            """() => { const c = document.getElementById('graph-canvas');
            const r = c.getBoundingClientRect(); const t = performance.now();
            for (let i = 0; i < 20; i++) c.dispatchEvent(new MouseEvent('mousemove', {
              clientX: r.left + 10 + i * 30, clientY: r.top + r.height / 2}));
            return (performance.now() - t) / 20; }"""
        )
        print(
            f"graph of 2,000 actors and 10,000 ties: drawn {drawn_ms:.0f} ms after navigation "
            f"(layout computed once); zoom redraw {redraw:.1f} ms; hover {hover:.1f} ms"
        )
        print(f"  milestones (ms after navigation): {marks}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--db", help="store to use or fill (default: a temporary SQLite file)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or f"sqlite:///{Path(tmp) / 'web.db'}")
        fill(store, args.docs)
        counts = store.counts()
        print(
            f"store: {counts['documents']} documents, {counts['actors']} actors, "
            f"{counts['events']} events, {counts['statements']} statements, "
            f"{counts['places']} places"
        )
        base, server = serve(store)
        with urllib.request.urlopen(base + "/api/actors?limit=1") as response:
            top_actor = json.loads(response.read())[0]["id"]
        with urllib.request.urlopen(base + "/api/documents?limit=1&offset=5000") as response:
            a_document = json.loads(response.read())[0]["id"]
        pages: dict[str, tuple[str, str | None]] = {
            "overview": ("/", None),
            "documents (page 100)": ("/documents?page=100", None),
            "reader": (f"/documents/{a_document}", None),
            "actor (most mentioned)": (f"/actors/{top_actor}", None),
            "statements": ("/statements", None),
            "statements by speaker": ("/statements?speaker=Esbati", None),
            "statements by class": ("/statements?kind=direct", None),
            "search": ("/search?q=ceasefire+collapsed", None),
            "graph": ("/graph", "#graph"),
            "graph, filtered": ("/graph?since=2024-01-01&until=2024-06-30&type=ASSAULT", "#graph"),
            "map": ("/map", "#map"),
            "timeline": ("/timeline", "#timeline"),
            "timeline, by actor": ("/timeline?actor=Iran", "#timeline"),
        }
        data = {
            "graph": "/api/views/graph",
            "graph, filtered": "/api/views/graph?since=2024-01-01&until=2024-06-30&type=ASSAULT",
            "map": "/api/views/map",
            "timeline": "/api/views/timeline",
            "timeline, by actor": "/api/views/timeline?actor=Iran",
        }
        print(f"server: median of {args.runs} sequential requests on loopback")
        for name, (path, _) in pages.items():
            ms = get_ms(base + path, args.runs)
            line = f"  {ms:7.1f} ms  page {name:24} {path}"
            if name in data:
                line += f"\n  {get_ms(base + data[name], args.runs):7.1f} ms  data {name:24} {data[name]}"
            print(line)
        if not args.no_browser and CHROMIUM.exists():
            browser_times(base, pages, args.runs)
        server.should_exit = True
        store.close()


if __name__ == "__main__":
    main()
