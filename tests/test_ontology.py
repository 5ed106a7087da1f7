"""The PLOVER ontology and the trigger patterns are data that users can extend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.knowledge.ontology import QUAD_CLASSES, ontology
from dossier.knowledge.resources import clear_caches, load_yaml
from dossier.nlp import events

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def _clear() -> None:
    clear_caches()
    ontology.cache_clear()
    events.lexicon.cache_clear()


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(tmp_path))
    _clear()
    yield tmp_path
    monkeypatch.delenv("DOSSIER_DATA_PATH")
    _clear()


def test_sixteen_types_with_quad_classes() -> None:
    onto = ontology()
    assert set(onto.types) == PLOVER_TYPES
    for t in onto.types.values():
        assert t.quad_class in QUAD_CLASSES
        assert t.description and t.modes
        assert -10 <= t.score <= 10
    assert onto.type("ASSAULT").score < onto.type("PROTEST").score < 0 < onto.type("AID").score


def test_cameo_mapping_longest_prefix() -> None:
    onto = ontology()
    assert onto.from_cameo("195") == ("ASSAULT", "aerial")
    assert onto.from_cameo("1951") == ("ASSAULT", "aerial")  # unknown 4-digit -> its parent
    assert onto.from_cameo("0871") == ("RETREAT", "ceasefire")
    assert onto.from_cameo("084")[0] == "CONCEDE"
    assert onto.from_cameo("010") == (None, None)  # public statements are no PLOVER event
    assert onto.intent_of("AID") == ("AGREE", "03")
    assert onto.intent_of("ASSAULT") == ("THREATEN", "13")
    assert onto.intent_of("ACCUSE") is None


def test_every_type_has_triggers_and_every_pattern_a_known_type() -> None:
    lex = events.lexicon()
    covered = {p.type for p in [*lex.verbs.values(), *lex.nouns.values(), *lex.phrases.values()]}
    assert covered == PLOVER_TYPES
    for entry in load_yaml("event_patterns.yaml")["patterns"]:
        assert entry["type"] in PLOVER_TYPES
        assert 0 < float(entry["confidence"]) <= 1
        mode = entry.get("mode")
        assert mode is None or mode in ontology().type(entry["type"]).modes, entry


def test_user_can_add_a_mode_and_a_pattern(user_data: Path) -> None:
    (user_data / "plover.yaml").write_text(
        "types:\n  ASSAULT:\n    modes:\n      cyberkinetic: attacks on physical systems\n",
        encoding="utf-8",
    )
    (user_data / "event_patterns.yaml").write_text(
        "patterns:\n"
        "  - {type: ASSAULT, mode: cyberkinetic, cameo: '190', confidence: 0.7,"
        " verbs: [zap]}\n",
        encoding="utf-8",
    )
    _clear()
    assert "cyberkinetic" in ontology().type("ASSAULT").modes
    assert "kill" in ontology().type("ASSAULT").modes  # packaged modes kept
    pattern = events.lexicon().verbs["zap"]
    assert (pattern.type, pattern.mode) == ("ASSAULT", "cyberkinetic")


def test_unknown_type_is_rejected(user_data: Path) -> None:
    (user_data / "event_patterns.yaml").write_text(
        "patterns:\n  - {type: FROBNICATE, cameo: '190', verbs: [frob]}\n", encoding="utf-8"
    )
    _clear()
    with pytest.raises(ValueError, match="FROBNICATE"):
        events.lexicon()
