"""Gazetteer lookups per second, the geoparser's share of analysis time, and peak memory
(``python bench/bench_places.py [--docs N]``).

The share is CPU time of the `dossier_places` component over CPU time of the whole pipeline
(tokenizer and every component), on the synthetic news-like documents of `bench/corpus.py`
(denser in place names than most news, so the share is on the high side). Target: under 5%.
"""

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


def places_share_of_analysis(count: int = 60, batch_size: int = 16) -> dict[str, float]:
    """CPU seconds of `dossier_places` and of the whole pipeline over `count` synthetic
    documents, and the share in percent (after a warm-up batch)."""
    import importlib.util
    from pathlib import Path

    from dossier.analyzer import Analyzer

    spec = importlib.util.spec_from_file_location(
        "bench_corpus", Path(__file__).resolve().parent / "corpus.py"
    )
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_corpus", corpus)  # its dataclasses look their module up
    spec.loader.exec_module(corpus)
    texts = [d.text for d in corpus.generate(count)]
    nlp = Analyzer(batch_size=batch_size).nlp
    clocks = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}

    def run(batch: list[str]) -> None:
        started = time.process_time()
        docs = [nlp.make_doc(t) for t in batch]
        clocks["tokenizer"] += time.process_time() - started
        for name, proc in nlp.pipeline:
            started = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(doc) for doc in docs]
            clocks[name] += time.process_time() - started

    run(texts[:batch_size])  # warm-up: the gazetteer, the caches
    for name in clocks:
        clocks[name] = 0.0
    for start in range(0, len(texts), batch_size):
        run(texts[start : start + batch_size])
    total = sum(clocks.values())
    places = clocks.get("dossier_places", 0.0)
    return {
        "documents": float(count),
        "places_cpu_s": round(places, 3),
        "total_cpu_s": round(total, 3),
        "places_share_pct": round(100 * places / total, 2) if total else 0.0,
    }


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


if __name__ == "__main__":
    count = int(sys.argv[sys.argv.index("--docs") + 1]) if "--docs" in sys.argv else 60
    rate = gazetteer_lookups_per_second()
    print(f"gazetteer lookups/s: {rate:,.0f}")
    share = places_share_of_analysis(count)
    print(
        f"dossier_places: {share['places_cpu_s']:.2f} s of {share['total_cpu_s']:.2f} s CPU "
        f"over {count} documents = {share['places_share_pct']:.2f}% of analysis time"
    )
    print(f"peak RSS: {peak_rss_mb():,.0f} MB")
