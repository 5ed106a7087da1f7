"""Fixtures for the corpus store tests: hand-built analysis records and store URLs.

Loaded by the store/ingest/API/export tests with ``pytest_plugins = ["corpus_fixtures"]``.
The records are written here (no NLP), so these tests do not depend on the analyser.
PostgreSQL runs use DOSSIER_TEST_PG_URL (see scripts/start-postgres.sh); without it they
skip, except in CI (CI=true), where a missing server fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.record import Entity, Event, Place, Record, Relation, Span, Statement


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def sentence_of(text: str, needle: str) -> Span:
    pos = text.index(needle)
    start = text.rfind(". ", 0, pos)
    start = 0 if start < 0 else start + 2
    end = text.find(".", pos)
    end = len(text) if end < 0 else end + 1
    return Span.of(text, start, end)


def entity(text: str, eid: str, name: str, etype: str, surfaces: list[str], **extra: Any) -> Entity:
    return Entity(
        id=eid,
        name=name,
        type=etype,
        mentions=[span(text, s) for s in surfaces],
        mention_kinds=["name"] * len(surfaces),
        **extra,
    )


PLACES = {
    "Beirut": dict(
        name="Beirut", geonameid=276781, country="LBN", kind="city", lat=33.89, lon=35.5
    ),
    "Lebanon": dict(
        name="Lebanon", geonameid=272103, country="LBN", kind="country", lat=33.8, lon=35.8
    ),
    "Gaza City": dict(
        name="Gaza City", geonameid=281133, country="PSE", kind="city", lat=31.5, lon=34.47
    ),
    "Tehran": dict(name="Tehran", geonameid=112931, country="IRN", kind="city", lat=35.7, lon=51.4),
}


def strike_record(
    doc_id: str,
    *,
    published: str,
    attacker: str = "Israel",
    attacker_country: str = "ISR",
    target: str = "Hezbollah",
    target_country: str | None = "LBN",
    place: str = "Beirut",
    verb: str = "struck",
    site: str = "example.com",
    extra: str = "",
    quad_class: str | None = "4",
) -> Record:
    """An article reporting that `attacker` `verb` `target` in `place`, with a quote."""
    text = (
        f"{attacker} {verb} {target} positions in {place} on Monday, officials said. "
        f'"We will respond to this aggression," a {target} spokesman told reporters. {extra}'
    ).strip()
    ents = [
        entity(text, "E1", attacker, "GPE", [attacker], country=attacker_country),
        entity(text, "E2", target, "ORG", [target], country=target_country),
    ]
    ents[1].mentions.append(span(text, target, 1))
    ents[1].mention_kinds.append("name")
    places = [Place(id="P1", mentions=[span(text, place)], **PLACES[place])]
    statement = Statement(
        id="S1",
        kind="direct",
        speaker="E2",
        speaker_span=span(text, f"a {target} spokesman"),
        cue=span(text, "told"),
        content=[span(text, "We will respond to this aggression,")],
    )
    event = Event(
        id="V1",
        type="ASSAULT",
        mode="aerial",
        cameo="195",
        source=["E1"],
        target=["E2"],
        trigger=span(text, verb),
        sentence=sentence_of(text, verb),
        place="P1",
        date=published,
        quad_class=quad_class,
        confidence=0.8,
        rule="test fixture",
    )
    return Record(
        id=doc_id,
        published=published,
        url=f"https://www.{site}/news/{doc_id}",
        title=f"{attacker} strikes {target}",
        text=text,
        entities=ents,
        statements=[statement],
        events=[event],
        places=places,
        relations=[Relation(source="E1", target="E2", type="adversary", evidence=["V1"])],
    )


def talks_record(
    doc_id: str,
    *,
    published: str,
    a: str = "Iran",
    b: str = "Oman",
    countries: tuple[str, str] = ("IRN", "OMN"),
) -> Record:
    """A cooperative event: `a` held talks with `b`."""
    text = f"{a} held talks with {b} in Tehran on Tuesday about the ceasefire, the ministry said."
    ents = [
        entity(text, "E1", a, "GPE", [a], country=countries[0]),
        entity(text, "E2", b, "GPE", [b], country=countries[1]),
    ]
    return Record(
        id=doc_id,
        published=published,
        text=text,
        url=f"https://news.example.org/{doc_id}",
        entities=ents,
        places=[Place(id="P1", mentions=[span(text, "Tehran")], **PLACES["Tehran"])],
        events=[
            Event(
                id="V1",
                type="CONSULT",
                source=["E1"],
                target=["E2"],
                trigger=span(text, "held talks"),
                sentence=Span.of(text, 0, len(text)),
                place="P1",
                date=published,
                quad_class="1",
            )
        ],
        statements=[
            Statement(
                id="S1",
                kind="indirect",
                speaker=None,
                speaker_span=span(text, "the ministry"),
                cue=span(text, "said"),
                content=[Span.of(text, 0, text.index(", the ministry"))],
            )
        ],
    )


def pg_url_or_skip() -> str:
    url = os.environ.get("DOSSIER_TEST_PG_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but DOSSIER_TEST_PG_URL is unset: PostgreSQL was not started")
        pytest.skip("DOSSIER_TEST_PG_URL unset (start one with scripts/start-postgres.sh)")
    return url


def reset_pg(url: str) -> None:
    from sqlalchemy import text

    from dossier.store.engine import create

    engine = create(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = pg_url_or_skip()
    reset_pg(url)
    yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


class FakeAnalyzer:
    """Stands in for dossier.analyzer.Analyzer: one record per document, no NLP.

    Each capitalised word becomes a GPE entity; a document containing "struck" gets an
    ASSAULT event from the first to the second entity. `delay` slows it down (kill tests).
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.seen: list[str] = []

    def analyze_documents(self, documents: Any) -> Iterator[Record]:
        import re
        import time

        from dossier.analyzer import failed_record

        for doc in documents:
            if self.delay:
                time.sleep(self.delay)
            self.seen.append(doc.id)
            if doc.status != "ok":
                yield failed_record(doc)
                continue
            ents = []
            for n, match in enumerate(re.finditer(r"\b[A-Z][a-z]{3,}\b", doc.text)):
                if any(e.name == match.group() for e in ents):
                    continue
                ents.append(
                    Entity(
                        id=f"E{n + 1}",
                        name=match.group(),
                        type="GPE",
                        mentions=[Span.of(doc.text, match.start(), match.end())],
                    )
                )
            events = []
            if "struck" in doc.text and len(ents) >= 2:
                pos = doc.text.index("struck")
                events.append(
                    Event(
                        id="V1",
                        type="ASSAULT",
                        source=[ents[0].id],
                        target=[ents[1].id],
                        trigger=Span.of(doc.text, pos, pos + 6),
                        sentence=Span.of(doc.text, 0, len(doc.text)),
                        date=doc.published,
                        quad_class="4",
                    )
                )
            yield Record(
                id=doc.id,
                published=doc.published,
                url=doc.url,
                title=doc.title,
                text=doc.text,
                entities=ents,
                events=events,
                warnings=list(doc.warnings),
            )
