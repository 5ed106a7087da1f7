"""The dossier_relations component: ties from text, from events and from the KB."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from dossier.nlp.pipeline import PipelineConfig, build_pipeline
from dossier.nlp.record_builder import build_record
from dossier.record import Record


@pytest.fixture(scope="module")
def run() -> Callable[[str], Record]:
    nlp = build_pipeline(
        PipelineConfig(
            components=[
                "dossier_entities",
                "dossier_coref",
                "dossier_statements",
                "dossier_events",
                "dossier_relations",
            ]
        )
    )

    def analyse(text: str) -> Record:
        doc = nlp.make_doc(text)
        doc._.published = dt.date(2024, 12, 20)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return build_record(doc, doc_id="t")

    return analyse


def ties(rec: Record) -> set[tuple[str, str, str]]:
    ents = {e.id: e.name for e in rec.entities}
    return {(ents[r.source], r.type, ents[r.target]) for r in rec.relations}


def test_apposition_proxy(run: Callable[[str], Record]) -> None:
    rec = run("Iran lost its closest proxy, Hezbollah.")
    assert ("Hezbollah", "proxy", "Iran") in ties(rec)
    rel = next(r for r in rec.relations if r.type == "proxy")
    assert rel.evidence[0].startswith("chars:") and "proxy" in rel.rule


def test_compound_leader(run: Callable[[str], Record]) -> None:
    rec = run("Hamas leader Yahya Sinwar spoke on Tuesday.")
    found = {t for t in ties(rec) if t[1] == "leader_of"}
    assert found and next(iter(found))[2] == "Hamas"


def test_events_make_supplies_and_adversary(run: Callable[[str], Record]) -> None:
    rec = run("Iran sent weapons to Hezbollah. Israel struck Hezbollah in Lebanon.")
    t = ties(rec)
    assert ("Iran", "supplies", "Hezbollah") in t
    adversary = {x for x in t if x[1] == "adversary"}
    assert {frozenset((a, b)) for a, _, b in adversary} == {frozenset(("Israel", "Hezbollah"))}
    rel = next(r for r in rec.relations if r.type == "supplies")
    assert rel.evidence and rel.evidence[0].startswith("V")


def test_hypothetical_events_make_no_tie(run: Callable[[str], Record]) -> None:
    rec = run("Israel could strike Hezbollah.")
    assert not [r for r in rec.relations if r.type == "adversary"]


@pytest.mark.corpus
def test_seed_article_ties(seed_record) -> None:  # type: ignore[no-untyped-def]
    rec, _ = seed_record
    ents = {e.id: e.name for e in rec.entities}
    pairs = {(ents[r.source], r.type, ents[r.target]) for r in rec.relations}
    assert ("Hezbollah", "proxy", "Iran") in pairs
    assert any(t == "ally" and {a, b} == {"Iran", "Bashar al-Assad"} for a, t, b in pairs)
