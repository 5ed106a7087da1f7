"""Bare "came under fire" (issue 12, sixth wave): shooting when what is fired on is people or
what carries them in the field, criticism when it is a person, an official, a government, a
plan or a company, or when a "for"/"over" phrase gives the reason or critics do the firing.
Sentences written for Dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dossier.rules import RulesError
from dossier.rules.loader import load_rule_file
from dossier.rules.schemas.events import EventTypeFile
from event_support import events_of, names_of, types_of


@pytest.mark.parametrize(
    "text",
    [
        "An army patrol came under fire close to the frontier on Tuesday.",
        "Crowds waiting for food parcels came under fire near the distribution point.",
        "Soldiers came under heavy fire overnight in the eastern district.",
        "A convoy of trucks came under fire on the main road.",
        "Civilians came under fire as they fled the town.",
        "Peacekeepers came under fire from unidentified gunmen.",
        "Troops came under fire for several hours before reinforcements arrived.",
        "Rebel positions came under heavy fire along the ridge.",
    ],
)
def test_people_in_the_field_under_fire_is_an_attack(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    hits = [e for e in events if e.type == "ASSAULT"]
    assert hits, text
    assert hits[0].cameo == "190"
    assert "come under" in hits[0].rule


def test_the_subject_is_the_target_and_the_from_phrase_the_source(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Police came under fire from gunmen outside the station.")
    (ev,) = [e for e in events if e.type == "ASSAULT"]
    assert names_of(record, ev.target) == ["Police"]
    assert names_of(record, ev.source) == ["gunmen"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister came under fire for his comments on migrants.",
        "The plan came under fire from trade unions.",
        "Police came under fire over their handling of the march.",
        "The company came under heavy fire from shareholders.",
        "Senator Smith came under fire after the vote.",
        "The government came under fire for the delays.",
        "The policy came under heavy fire in parliament.",
        "Police officers came under fire from lawmakers on Monday.",
        "Police came under fire from rights groups after the raid.",
        "Protesters came under fire from the president in a televised speech.",
        "Soldiers came under fire from Donald Trump.",
        "The Israeli army came under fire for the raid.",
        "His position on migration came under fire at the party conference.",
    ],
)
def test_criticism_is_no_attack(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    assert "ASSAULT" not in {e.type for e in events}, text


def test_named_attack_nouns_still_code_whoever_is_attacked(analyzer: Any) -> None:
    # the older idiom with an attack noun is not gated by the subject
    assert "ASSAULT" in types_of(analyzer, "The hill village came under mortar fire at dawn.")


def _pattern(**extra: Any) -> str:
    entry = {
        "id": "assault.user.undergo",
        "mode": "fight",
        "cameo": "190",
        "phrases": ["come under fire"],
        "provenance": "a pattern for this test",
        "examples": [{"text": "A patrol came under fire.", "expect": {"type": "ASSAULT"}}],
        **extra,
    }
    return yaml.safe_dump({"type": "ASSAULT", "patterns": [entry]}, sort_keys=False)


def test_new_keys_are_validated(tmp_path: Path) -> None:
    good = tmp_path / "ASSAULT.yaml"
    good.write_text(_pattern(not_with_preps=["For"], not_by_sectors=["GOV"]), encoding="utf-8")
    data = load_rule_file(good, EventTypeFile).data
    assert data.patterns[0].not_with_preps == ["for"]
    assert data.patterns[0].not_by_sectors == ["GOV"]
    bad = tmp_path / "bad" / "ASSAULT.yaml"
    bad.parent.mkdir()
    bad.write_text(_pattern(not_by_sectors=["government"]), encoding="utf-8")
    with pytest.raises(RulesError, match="not_by_sectors"):
        load_rule_file(bad, EventTypeFile)
