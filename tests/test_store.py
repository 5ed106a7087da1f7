"""The corpus store on SQLite and PostgreSQL: writing, merging, questions."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from corpus_fixtures import strike_record, talks_record
from dossier.record import Record
from dossier.store import queries
from dossier.store.core import Store, meta_for
from dossier.store.engine import StoreError, normalize_url
from dossier.store.merge import (
    EventShape,
    PlaceInfo,
    actor_key,
    normalize_name,
    quad_class,
    same_event,
)
from dossier.store.text import source_of, split_sentences


def test_two_reports_of_one_strike_merge_and_other_strikes_stay_apart(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04", site="alpha.com"))
        # same strike, next day, other outlet and wording
        store.add_record(strike_record("b", published="2024-03-05", verb="bombed", site="beta.org"))
        # a different strike: same actors, a week later
        store.add_record(strike_record("c", published="2024-03-12", extra="Later."))
        # a different strike: same day, other place
        store.add_record(
            strike_record(
                "d", published="2024-03-04", place="Gaza City", target="Hamas", target_country="PSE"
            )
        )
        rows = queries.events(store, actor="Israel", type="ASSAULT")
        assert len(rows) == 3
        merged = [r for r in rows if r["n_mentions"] == 2]
        assert len(merged) == 1
        assert merged[0]["n_documents"] == 2 and merged[0]["n_sources"] == 2
        assert merged[0]["date"] == "2024-03-04"
        detail = queries.event(store, merged[0]["id"])
        assert detail is not None
        assert {m["doc_id"] for m in detail["mentions"]} == {"a", "b"}
        assert "shared actor" in detail["mentions"][1]["merge_rule"]
        assert detail["mentions"][0]["merge_rule"] == "new event"
        assert [r["n_mentions"] for r in rows if r["n_mentions"] == 1] == [1, 1]


def test_same_place_different_city_stays_apart(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        store.add_record(strike_record("b", published="2024-03-04", place="Tehran", extra="x."))
        store.add_record(strike_record("c", published="2024-03-04", place="Lebanon", extra="y."))
        rows = queries.events(store)
        # Beirut and Tehran differ; Lebanon (a country) is compatible with Beirut.
        assert sorted(r["n_mentions"] for r in rows) == [1, 2]


def test_actors_merge_across_documents_with_all_mentions(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        store.add_record(strike_record("b", published="2024-04-04", extra="More."))
        rows = queries.actors(store, name="hezbollah")
        assert len(rows) == 1
        assert rows[0]["n_documents"] == 2 and rows[0]["n_mentions"] == 4
        detail = queries.actor(store, rows[0]["id"])
        assert detail is not None and len(detail["mentions"]) == 4
        assert {m["doc_id"] for m in detail["mentions"]} == {"a", "b"}
        # Same name, other country: another actor.
        store.add_record(
            strike_record("c", published="2024-05-04", target_country="SYR", extra="C.")
        )
        assert len(queries.actors(store, name="hezbollah")) == 2
        assert queries.actors(store, name="ISR")[0]["name"] == "Israel"


def test_adding_the_same_record_twice_stores_it_once(store_url: str) -> None:
    with Store(store_url) as store:
        record = strike_record("a", published="2024-03-04")
        first = store.add_record(record)
        again = store.add_records([(record, meta_for(record)), (record, meta_for(record))])
        assert again == [first, first]
        counts = store.counts()
        assert counts["documents"] == 1 and counts["event_mentions"] == 1
        assert queries.actors(store, name="Israel")[0]["n_mentions"] == 1


def test_failed_batch_rolls_back_everything(store_url: str) -> None:
    with Store(store_url) as store:
        good = strike_record("a", published="2024-03-04")
        bad = strike_record("b", published="2024-03-05", extra="Bad.")
        bad.entities[0].name = None  # type: ignore[assignment]  # NOT NULL violation
        with pytest.raises(Exception):  # noqa: B017 - any database error
            store.add_records([(good, meta_for(good)), (bad, meta_for(bad))])
        assert store.counts()["documents"] == 0
        assert store.counts()["actors"] == 0
        store.add_record(good)  # caches were reset: writing works again
        assert store.counts()["documents"] == 1


def test_statements_by_speaker_and_search(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        store.add_record(talks_record("t", published="2024-03-06"))
        rows = queries.statements(store, speaker="Hezbollah")
        assert len(rows) == 1 and rows[0]["content"].startswith("We will respond")
        assert rows[0]["speaker_text"] == "a Hezbollah spokesman"
        assert queries.statements(store, speaker="nobody-like-this") == []
        assert len(queries.statements(store, since="2024-03-05")) == 1
        hits = queries.search(store, "responding aggression")  # stemmed
        quotes = [h for h in hits if h["kind"] == "quote"]
        assert len(quotes) == 1 and quotes[0]["speaker"] == "Hezbollah"
        assert {h["kind"] for h in hits} == {"quote", "sentence"}
        assert {h["kind"] for h in queries.search(store, "talks ceasefire")} == {
            "sentence",
            "quote",
        }
        assert queries.search(store, '"talks with Oman"', kind="sentence")
        assert queries.search(store, "ceasefire aggression") == []
        with pytest.raises(queries.QueryError):
            queries.search(store, '"" ** ()')
        for hit in hits:  # offsets point into the stored text
            doc = queries.document(store, hit["document_id"])
            assert doc is not None
            assert doc["text"][hit["start_char"] : hit["end_char"]] == hit["text"]


def test_search_survives_fts_syntax(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        for q in ['Israel AND "', "NEAR(", "Israel*", "-Israel", "positions OR"]:
            queries.search(store, q)  # no exception


def test_event_filters(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        store.add_record(talks_record("t", published="2024-01-06"))
        assert [r["type"] for r in queries.events(store, since="2024-02-01")] == ["ASSAULT"]
        assert [r["type"] for r in queries.events(store, actor="IRN")] == ["CONSULT"]
        assert queries.events(store, source="Hezbollah") == []
        assert len(queries.events(store, target="Hezbollah")) == 1
        assert len(queries.events(store, place="Beirut")) == 1
        assert len(queries.events(store, place="LBN")) == 1
        with pytest.raises(queries.QueryError):
            queries.events(store, since="March")
        with pytest.raises(queries.QueryError):
            queries.events(store, limit=0)


def test_graph_weights_and_balance_over_time(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        store.add_record(strike_record("b", published="2024-03-05", verb="bombed"))  # merges
        store.add_record(strike_record("c", published="2024-04-20", extra="Again."))
        store.add_record(
            talks_record(
                "t1", published="2024-04-02", a="Israel", b="Hezbollah", countries=("ISR", "LBN")
            )
        )
        data = queries.graph(store)
        edge = next(e for e in data["edges"] if e["source"] == "Israel")
        # events: 2 strikes (3 mentions) + talks; typed evidence: 3 "adversary" records
        assert edge["n_events"] == 3 and edge["n_evidence"] == 3 and edge["weight"] == 6
        assert edge["conflict"] == 2 and edge["cooperation"] == 1
        assert edge["balance"] == pytest.approx(-1 / 3, abs=1e-3)
        assert set(edge["types"].split(",")) == {"adversary", "interaction"}
        periods = queries.balance(store, "Israel", "Hezbollah")
        assert [(p["period"], p["conflict"], p["cooperation"]) for p in periods] == [
            ("2024-03", 1, 0),
            ("2024-04", 1, 1),
        ]
        april = queries.graph(store, since="2024-04-01", until="2024-04-30")
        assert april["edges"][0]["n_events"] == 2 and april["edges"][0]["balance"] == 0.0
        assert queries.graph(store, min_weight=100)["edges"] == []


def test_negated_events_do_not_merge_or_count(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        neg = strike_record("b", published="2024-03-04", verb="did not strike")
        neg.events[0].negated = True
        store.add_record(neg)
        assert len(queries.events(store)) == 1
        assert len(queries.events(store, include_negated=True)) == 2
        assert queries.graph(store)["edges"][0]["n_events"] == 1


def test_failed_records_are_kept_with_reason(store_url: str) -> None:
    with Store(store_url) as store:
        failed = Record(id="x", status="failed", warnings=["x.html: HTML has no readable text"])
        store.add_record(failed)
        rows = queries.documents(store, status="failed")
        assert rows[0]["reason"] == "x.html: HTML has no readable text"


def test_reopening_keeps_data_and_schema(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
    with Store(store_url) as store:
        assert store.counts()["documents"] == 1
        store.add_record(strike_record("b", published="2024-03-05", verb="bombed"))
        assert queries.events(store)[0]["n_mentions"] == 2  # merge works after reopening
        with store.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == "0004"
        views = queries.summary(store)
        assert views["documents_by_status"] == {"ok": 2}


def test_views_are_readable(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add_record(strike_record("a", published="2024-03-04"))
        with store.engine.connect() as conn:
            row = conn.execute(text("SELECT source, target, place FROM event_summary")).one()
            assert tuple(row) == ("Israel", "Hezbollah", "Beirut")
            speaker = conn.execute(text("SELECT speaker FROM statement_summary")).scalar()
            assert speaker == "Hezbollah"
            edge = conn.execute(text("SELECT source, target, weight FROM actor_graph")).one()
            assert tuple(edge) == ("Israel", "Hezbollah", 2.0)


def test_fts_table_is_one_datasette_detects(sqlite_url: str) -> None:
    # Datasette finds the search index of `passages` by content="passages" in its SQL.
    with Store(sqlite_url) as store, store.engine.connect() as conn:
        sql = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'passages_fts'")
        ).scalar()
    assert "USING fts5" in sql and 'content="passages"' in sql


def test_merge_rule_units() -> None:
    beirut = PlaceInfo(1, "LBN", "city")
    lebanon = PlaceInfo(2, "LBN", "country")
    tehran = PlaceInfo(3, "IRN", "city")
    from datetime import date

    base = EventShape("ASSAULT", date(2024, 3, 4), {1}, {2}, beirut)
    assert same_event(base, EventShape("ASSAULT", date(2024, 3, 5), {1}, {2}, lebanon))
    assert same_event(base, EventShape("ASSAULT", date(2024, 3, 4), set(), {2}, None))
    assert not same_event(base, EventShape("ASSAULT", date(2024, 3, 6), {1}, {2}, beirut))
    assert not same_event(base, EventShape("COERCE", date(2024, 3, 4), {1}, {2}, beirut))
    assert not same_event(base, EventShape("ASSAULT", date(2024, 3, 4), {2}, {1}, beirut))
    assert not same_event(base, EventShape("ASSAULT", date(2024, 3, 4), {1}, {2}, tehran))
    assert not same_event(base, EventShape("ASSAULT", None, {1}, {2}, beirut))
    assert not same_event(base, EventShape("ASSAULT", date(2024, 3, 4), {5}, {2}, beirut))
    assert not same_event(
        EventShape("ASSAULT", date(2024, 3, 4)), EventShape("ASSAULT", date(2024, 3, 4))
    )


def test_keys_and_helpers() -> None:
    assert normalize_name("The  Hezbollah’s") == normalize_name("hezbollah's")
    assert normalize_name("Pérez-Ríos") == "perez rios"
    assert actor_key("Iran", "IRN", "Q794") == "kb:Q794"
    assert actor_key("Ministry of Defence", "GBR", None) != actor_key(
        "Ministry of Defence", "ISR", None
    )
    assert [quad_class(v) for v in ("4", 2, "Verbal_Cooperation", "material conflict", "x")] == [
        4,
        2,
        1,
        4,
        None,
    ]
    assert source_of("https://www.bbc.co.uk/news/1", None) == "bbc.co.uk"
    assert source_of(None, "/data/feed.jsonl:12") == "feed.jsonl"
    assert normalize_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    t = 'He left. "We go," Lt. Gen. Smith said.\nNext line'
    assert [t[s:e] for s, e in split_sentences(t)] == [
        "He left.",
        '"We go," Lt. Gen. Smith said.',
        "Next line",
    ]


def test_bad_urls_are_clear_errors(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="unsupported"):
        Store("mysql://x/y")
    with pytest.raises(StoreError, match="does not exist"):
        Store("sqlite:////no/such/folder/x.db")
