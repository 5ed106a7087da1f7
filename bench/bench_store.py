"""Benchmark the corpus store.

1. Ingest overhead: `dossier ingest` (analysis + store) against analysis alone, on the same
   synthetic articles; target: the store adds under 10%.
2. Query latency on a store of >= 10,000 synthetic documents (records inserted directly):
   p50 of each question `dossier query`/`actors`/`graph` asks; target: under 50 ms.

    .venv/bin/python bench/bench_store.py [--docs 10000] [--texts 80] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dossier.ingest.documents import InputDocument, prepare
from dossier.record import Entity, Event, Place, Record, Span, Statement
from dossier.store import queries
from dossier.store.core import Store, meta_for
from dossier.store.ingest import ingest

ACTORS = [
    ("Iran", "IRN", "GPE"),
    ("Israel", "ISR", "GPE"),
    ("Hezbollah", "LBN", "ORG"),
    ("Hamas", "PSE", "ORG"),
    ("Russia", "RUS", "GPE"),
    ("Ukraine", "UKR", "GPE"),
    ("the United States", "USA", "GPE"),
    ("Turkey", "TUR", "GPE"),
    ("Syria", "SYR", "GPE"),
    ("the Houthis", "YEM", "ORG"),
    ("Egypt", "EGY", "GPE"),
    ("Qatar", "QAT", "GPE"),
]
SPEAKERS = ["Behrouz Esbati", "Ali Khamenei", "Sergei Lavrov", "Antony Blinken", "Naim Qassem"]
# Plus 1,800 generated people, so the actor table has a realistic size.
_FIRST = [
    "Amir",
    "Dana",
    "Elena",
    "Farid",
    "Goran",
    "Hana",
    "Ivan",
    "Jalal",
    "Karim",
    "Lina",
    "Maya",
    "Nadia",
    "Omar",
    "Pavel",
    "Rania",
]
_LAST = [
    f"{a}{b}"
    for a in ("Al", "Ben", "Kar", "Mor", "Nas", "Ost", "Ras", "Sal")
    for b in (
        "ani",
        "din",
        "ev",
        "ova",
        "ler",
        "imi",
        "ski",
        "ard",
        "oun",
        "ez",
        "ian",
        "off",
        "ura",
        "ek",
        "ani",
    )
]
PEOPLE = [f"{f} {la}" for f in _FIRST for la in _LAST]
TYPES = [
    ("ASSAULT", "4", "struck"),
    ("COERCE", "4", "arrested"),
    ("CONSULT", "1", "met"),
    ("THREATEN", "3", "threatened"),
    ("AID", "2", "sent aid to"),
    ("ACCUSE", "3", "accused"),
]
PLACES = [
    ("Beirut", 276781, "LBN"),
    ("Tehran", 112931, "IRN"),
    ("Gaza City", 281133, "PSE"),
    ("Kyiv", 703448, "UKR"),
    ("Damascus", 170654, "SYR"),
    ("Doha", 290030, "QAT"),
]


def synthetic_record(n: int, rng: random.Random) -> Record:
    (a, ac, at), (b, bc, bt) = rng.sample(ACTORS, 2)
    etype, quad, verb = rng.choice(TYPES)
    place, gid, pc = rng.choice(PLACES)
    speaker = rng.choice(SPEAKERS) if rng.random() < 0.3 else rng.choice(PEOPLE)
    day = (date(2023, 1, 1) + timedelta(days=rng.randrange(730))).isoformat()
    claim = rng.choice(
        [
            "the attack was unacceptable",
            "talks would continue next week",
            "the ceasefire had collapsed",
            "more sanctions were coming",
        ]
    )
    text = (
        f"{a} {verb} {b} in {place} on {day}, report {n} said. "
        f'"{claim.capitalize()}," {speaker} told reporters in {place}. '
        f"Officials in {place} gave no further details about the incident number {n}."
    )

    def sp(s: str, nth: int = 0) -> Span:
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return Span.of(text, i, i + len(s))

    ents = [
        Entity(id="E1", name=a, type=at, country=ac, mentions=[sp(a)]),
        Entity(id="E2", name=b, type=bt, country=bc, mentions=[sp(b, 0)]),
        Entity(id="E3", name=speaker, type="PERSON", mentions=[sp(speaker)]),
    ]
    first = text.index(". ") + 1
    return Record(
        id=f"syn{n}",
        published=day,
        url=f"https://site{n % 40}.example.com/{n}",
        title=f"{a} and {b}",
        text=text,
        entities=ents,
        places=[
            Place(
                id="P1",
                name=place,
                geonameid=gid,
                country=pc,
                kind="city",
                lat=0.0,
                lon=0.0,
                mentions=[sp(place)],
            )
        ],
        statements=[
            Statement(
                id="S1",
                kind="direct",
                speaker="E3",
                speaker_span=sp(speaker),
                cue=sp("told"),
                content=[sp(claim.capitalize())],
            )
        ],
        events=[
            Event(
                id="V1",
                type=etype,
                source=["E1"],
                target=["E2"],
                trigger=sp(verb),
                sentence=Span.of(text, 0, first),
                place="P1",
                date=day,
                quad_class=quad,
            )
        ],
    )


def p50(func: Callable[[], Any], runs: int = 15) -> float:
    func()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_queries(url: str, docs: int) -> dict[str, float]:
    rng = random.Random(7)
    store = Store(url)
    have = store.counts()["documents"]
    start = time.perf_counter()
    batch: list[Any] = []
    for n in range(have, docs):
        record = synthetic_record(n, rng)
        batch.append((record, meta_for(record)))
        if len(batch) == 500:
            store.add_records(batch)
            batch = []
    if batch:
        store.add_records(batch)
    took = time.perf_counter() - start
    if docs > have:
        print(
            f"inserted {docs - have} synthetic records in {took:.1f}s "
            f"({(docs - have) / took:.0f} records/s)"
        )
    counts = store.counts()
    print(
        f"store: {counts['documents']} documents, {counts['events']} events, "
        f"{counts['event_mentions']} event mentions, {counts['actors']} actors, "
        f"{counts['passages']} passages"
    )
    questions: dict[str, Callable[[], Any]] = {
        "query events --actor Iran --type ASSAULT --since 2024-01-01": lambda: queries.events(
            store, actor="Iran", type="ASSAULT", since="2024-01-01"
        ),
        "query statements --speaker Esbati": lambda: queries.statements(store, speaker="Esbati"),
        'query search "ceasefire collapsed"': lambda: queries.search(store, "ceasefire collapsed"),
        "actors": lambda: queries.actors(store),
        "graph": lambda: queries.graph(store),
        "graph --since 2024-01-01 --until 2024-06-30": lambda: queries.graph(
            store, since="2024-01-01", until="2024-06-30"
        ),
    }
    results = {name: p50(func) for name, func in questions.items()}
    for name, ms in results.items():
        flag = "ok" if ms < 50 else "SLOW"
        print(f"  p50 {ms:7.1f} ms  {flag:4}  dossier {name}")
    store.close()
    return results


class TimedStore(Store):
    """A store that adds up the time spent in its own work (lookups and writes)."""

    spent = 0.0

    def known_hashes(self, hashes: Any) -> set[str]:
        start = time.perf_counter()
        try:
            return super().known_hashes(hashes)
        finally:
            self.spent += time.perf_counter() - start

    def add_records(self, items: Any) -> list[int]:
        start = time.perf_counter()
        try:
            return super().add_records(items)
        finally:
            self.spent += time.perf_counter() - start


def long_text(record: Record, rng: random.Random) -> str:
    """A news-length article: the record's text and a few templated paragraphs."""
    (a, _, _), (b, _, _) = rng.sample(ACTORS, 2)
    place = rng.choice(PLACES)[0]
    speaker = rng.choice(SPEAKERS)
    paragraphs = [
        record.text or "",
        f"The statement came a day after {a} said it had no intention of escalating the "
        f"conflict with {b}. Diplomats in {place} said talks were expected to resume.",
        f'"We have made our position clear," {speaker} said in a televised address, adding '
        f"that {a} would hold {b} responsible for any further attacks on its territory.",
        f"Analysts said the exchange marked the most serious confrontation between {a} and "
        f"{b} this year, and warned that the region could be drawn into a wider war.",
    ]
    return "\n\n".join(paragraphs)


def bench_ingest(texts: int, rounds: int = 2) -> float:
    from dossier.analyzer import Analyzer

    rng = random.Random(11)
    articles = [long_text(synthetic_record(n, rng), rng) for n in range(texts)]

    def documents() -> list[InputDocument]:
        return [prepare(InputDocument(text=t, published="2024-05-01")) for t in articles]

    analyzer = Analyzer()
    list(analyzer.analyze_documents(documents()[:8]))  # warm up
    analyze_runs, ingest_runs, store_runs = [], [], []
    for _ in range(rounds):  # interleaved, best of each, to keep machine noise out
        start = time.perf_counter()
        list(analyzer.analyze_documents(documents()))
        analyze_runs.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as tmp:
            store = TimedStore(f"sqlite:///{Path(tmp) / 'bench.db'}")
            start = time.perf_counter()
            report = ingest(store, documents(), analyzer=analyzer)
            ingest_runs.append(time.perf_counter() - start)
            store_runs.append(store.spent)
            assert report.stored == texts
            store.close()
    analyze_s, ingest_s, store_s = min(analyze_runs), min(ingest_runs), min(store_runs)
    share = store_s / analyze_s
    mean_chars = statistics.mean(len(t) for t in articles)
    print(f"ingest benchmark: {texts} articles of {mean_chars:.0f} characters, best of {rounds}")
    print(f"  analyze alone:            {texts / analyze_s:6.1f} documents/s ({analyze_s:.2f}s)")
    print(f"  ingest (analyze + store): {texts / ingest_s:6.1f} documents/s ({ingest_s:.2f}s)")
    print(
        f"  time in the store: {store_s:.2f}s = {share:.1%} of analysis time "
        f"({'ok' if share < 0.10 else 'OVER 10%'}); wall-clock difference "
        f"{ingest_s / analyze_s - 1:+.1%}"
    )
    return share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--texts", type=int, default=100)
    parser.add_argument("--db", help="store for the query benchmark (default: a temp SQLite)")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    if not args.skip_ingest:
        bench_ingest(args.texts)
    if args.db:
        bench_queries(args.db, args.docs)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            bench_queries(f"sqlite:///{Path(tmp) / 'queries.db'}", args.docs)


if __name__ == "__main__":
    main()
