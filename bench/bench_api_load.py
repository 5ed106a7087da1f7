"""Latency of the HTTP API under concurrent clients (loopback, bounded loops).

Starts `dossier serve` on a store, then runs C clients that each send R requests (a fixed
mix of the read endpoints) one after another, and prints p50/p95/p99 per client count.

    .venv/bin/python bench/bench_api_load.py --db sqlite:///bench.db --clients 1 50 \
        --requests 40 --workers 1
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

# `dossier serve` mounts the JSON API at /api (the other paths are the web UI's pages)
PATHS = [
    "/api/events?limit=50",
    "/api/events?actor=Iran&limit=50",
    "/api/events?type=ASSAULT&since=2024-01-01&limit=50",
    "/api/actors?limit=50",
    "/api/statements?limit=50",
    "/api/search?q=talks&limit=20",
    "/api/graph?limit=200",
    "/api/places?limit=50",
    "/api/documents?limit=50",
    "/api/stats",
]


DISTINCT = False  # --distinct: every request asks for another page (no cache hits)


async def _client(base: str, n: int, start: int, times: list[float], errors: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await client.get("/api/health")  # connect first: the figures are of requests, not of TCP
        for i in range(n):
            path = PATHS[(start + i) % len(PATHS)]
            if DISTINCT and path != "/api/stats":
                path += f"&offset={start * n + i}"
            t0 = time.perf_counter()
            r = await client.get(path)
            times.append(time.perf_counter() - t0)
            if r.status_code != 200:
                errors.append(r.status_code)


async def _run(base: str, clients: int, requests: int) -> tuple[list[float], list[int], float]:
    times: list[float] = []
    errors: list[int] = []
    t0 = time.perf_counter()
    await asyncio.gather(*(_client(base, requests, c, times, errors) for c in range(clients)))
    return times, errors, time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--requests", type=int, default=40, help="per client")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--distinct", action="store_true", help="no two requests alike")
    args = parser.parse_args()
    global DISTINCT
    DISTINCT = args.distinct
    exe = Path(sys.executable).with_name("dossier")
    workers = ["--workers", str(args.workers)]
    server = subprocess.Popen(
        [str(exe), "serve", "--db", args.db, "--port", str(args.port), *workers],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "DOSSIER_API_TOKEN"},
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        asyncio.run(_run(base, 4, len(PATHS)))  # warm the caches of every worker
        for clients in args.clients:
            times, errors, took = asyncio.run(_run(base, clients, args.requests))
            print(
                f"{'distinct' if DISTINCT else 'mix'} workers={args.workers} clients={clients:3d} requests={len(times)} "
                f"p50={pct(times, 0.50):.0f}ms p95={pct(times, 0.95):.0f}ms "
                f"p99={pct(times, 0.99):.0f}ms mean={statistics.mean(times) * 1000:.0f}ms "
                f"rate={len(times) / took:.0f}/s errors={len(errors)}"
            )
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
