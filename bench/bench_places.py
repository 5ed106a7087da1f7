"""Gazetteer lookups per second and peak memory (``python bench/bench_places.py``)."""

from __future__ import annotations

import random
import resource
import sys
import time

NAMES = [
    "Tehran",
    "Damascus",
    "Syria",
    "Lebanon",
    "Iraq",
    "Israel",
    "Russia",
    "Paris",
    "Texas",
    "Gaza",
    "West Bank",
    "Aleppo",
    "Idlib Governorate",
    "al-Raqqa",
    "Kyiv",
    "Donbas",
    "Washington",
    "London",
    "New York",
    "Springfield",
    "Georgia",
    "Orange County",
    "Beirut",
    "Sanaa",
    "Strait of Hormuz",
    "Crimea",
    "Khartoum",
    "Moscow",
    "Beijing",
    "Tokyo",
]


def gazetteer_lookups_per_second(n: int = 200_000, distinct: int = 2_000) -> float:
    """Lookups per second over a news-like mix: a few thousand distinct names, most repeated."""
    from dossier.knowledge.gazetteer import gazetteer

    gz = gazetteer()
    rng = random.Random(7)
    pool = list(NAMES)
    # rarer names: real entries drawn from the file itself, so misses hit SQLite
    extra = gz.conn.execute(
        "SELECT name FROM places WHERE population > 20000 ORDER BY id LIMIT ?", (distinct,)
    ).fetchall()
    pool.extend(str(r[0]) for r in extra)
    weights = [50.0 if i < len(NAMES) else 1.0 for i in range(len(pool))]
    queries = rng.choices(pool, weights=weights, k=n)
    gz.lookup.cache_clear()
    started = time.perf_counter()
    for name in queries:
        gz.lookup(name)
    return n / (time.perf_counter() - started)


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


if __name__ == "__main__":
    rate = gazetteer_lookups_per_second()
    print(f"gazetteer lookups/s: {rate:,.0f}")
    print(f"peak RSS: {peak_rss_mb():,.0f} MB")
