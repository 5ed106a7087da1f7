"""The PLOVER ontology and the trigger patterns are data that users can extend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.knowledge.ontology import QUAD_CLASSES, ontology
from dossier.knowledge.resources import clear_caches
from dossier.nlp import events
from dossier.rules.schemas.events import event_rules

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
    assert onto.from_cameo("084") == ("RETREAT", "release")  # CAMEO2PLOVER-2021
    assert onto.from_cameo("0842") == ("RETREAT", "return")
    assert onto.from_cameo("055")[0] == "CONCEDE"
    assert onto.from_cameo("010") == (None, None)  # public statements are no PLOVER event
    assert onto.intent_of("AID") == ("AGREE", "03")
    assert onto.intent_of("ASSAULT") == ("THREATEN", "13")
    assert onto.intent_of("ACCUSE") is None


def test_every_type_has_triggers_and_every_pattern_a_known_type() -> None:
    lex = events.lexicon()
    covered = {p.type for p in [*lex.verbs.values(), *lex.nouns.values(), *lex.phrases.values()]}
    assert covered == PLOVER_TYPES
    loaded, _shared = event_rules()
    for lp in loaded:
        assert lp.type in PLOVER_TYPES
        assert 0 < lp.rule.confidence <= 1
        assert lp.rule.mode is None or lp.rule.mode in ontology().type(lp.type).modes


def test_user_can_add_a_mode_and_a_pattern(user_data: Path) -> None:
    (user_data / "plover.yaml").write_text(
        "types:\n  ASSAULT:\n    modes:\n      cyberkinetic: attacks on physical systems\n",
        encoding="utf-8",
    )
    (user_data / "events").mkdir()
    (user_data / "events" / "ASSAULT.yaml").write_text(
        "type: ASSAULT\npatterns:\n"
        "  - {id: assault.user.zap, mode: cyberkinetic, cameo: '190', confidence: 0.7,"
        " verbs: [zap], provenance: a word of this test,"
        " examples: [{text: Rebels zapped the town., expect: {type: ASSAULT}}]}\n",
        encoding="utf-8",
    )
    _clear()
    assert "cyberkinetic" in ontology().type("ASSAULT").modes
    assert "kill" in ontology().type("ASSAULT").modes  # packaged modes kept
    pattern = events.lexicon().verbs["zap"]
    assert (pattern.type, pattern.mode) == ("ASSAULT", "cyberkinetic")


def test_unknown_type_is_rejected(user_data: Path) -> None:
    (user_data / "events").mkdir()
    (user_data / "events" / "FROBNICATE.yaml").write_text(
        "type: FROBNICATE\npatterns:\n  - {id: frobnicate.x, cameo: '190', verbs: [frob],"
        " provenance: a word of this test, examples: [{text: They frob., expect: none}]}\n",
        encoding="utf-8",
    )
    _clear()
    with pytest.raises(ValueError, match="FROBNICATE"):
        events.lexicon()
