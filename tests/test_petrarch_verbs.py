"""The PETRARCH/TABARI verbs-dictionary reader, on small dictionaries written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.knowledge.petrarch_verbs import (
    DictionaryError,
    parse_discards,
    parse_verbs,
    read_verbs,
)

VERBS = """\
<!-- a fantasy dictionary for the tests -->
&SHIPS
+LONGSHIP
+RIVER_BARGE
+&CARTS   # a set inside a set

&CARTS
+OXCART

--- CONVOY  [061]  ---
CONVOY {CONVOYED CONVOYS}   # own forms
WEST_+SAIL [062]
- * &SHIPS  [063]  # a set after the verb
- $ * (TO +) [064]
- * {GRAIN SACKS} (TOWARD +) [065]
- PROMISED_TO_*  [066]
- * BACK [---]

--- FEAST [043:044] ---
FEAST
~ a (a b FEAST) SAY = a b 010
"""


def test_sets_blocks_forms_and_patterns() -> None:
    d = parse_verbs(VERBS, "own.verbs")
    assert set(d.synsets) == {"SHIPS", "CARTS"}
    assert [e.kind for e in d.synsets["SHIPS"][2]] == ["set"]
    assert [e.text for e in d.synsets["SHIPS"][1]] == ["RIVER", "BARGE"]
    convoy, feast = d.blocks
    assert (convoy.verb, convoy.code.event, convoy.line) == ("CONVOY", "061", 10)
    heads = {f.words[f.head] for f in convoy.forms}
    assert heads == {"CONVOY", "CONVOYED", "CONVOYS", "SAIL"}
    sail = next(f for f in convoy.forms if f.words[f.head] == "SAIL")
    assert sail.words == ("WEST", "SAIL") and sail.code is not None and sail.code.event == "062"
    p_set, p_slots, p_opt, p_pre, p_none = convoy.patterns
    assert [e.kind for e in p_set.post] == ["set"] and p_set.code.event == "063"
    assert [e.kind for e in p_slots.pre] == ["source"]
    prep = p_slots.post[0]
    assert (prep.kind, prep.text, [i.kind for i in prep.items]) == ("prep", "TO", ["target"])
    assert [e.kind for e in p_opt.post] == ["phrase", "prep"]
    assert [e.text for e in p_pre.pre] == ["PROMISED", "TO"] and p_pre.pre[1].joined
    assert p_none.code.event is None
    assert p_opt.rule == "own.verbs:15"
    assert (feast.code.event, feast.code.reverse) == ("043", "044")
    assert d.transformations and d.transformations[0][0] == 21
    assert d.lookup("convoyed")[0][0] is convoy
    assert p_opt.specificity > p_none.specificity


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("- * OXEN [06!]", "unreadable code"),
        ("- * OXEN", "without a [code]"),
        ("- OXEN [061]", "exactly one '*'"),
        ("- * (TO + [061]", "unclosed '('"),
        ("- * &NOSUCHSET [061]", "unknown synonym set"),
    ],
)
def test_malformed_line_names_file_and_line(line: str, message: str) -> None:
    text = "--- HAUL [070] ---\nHAUL\n" + line + "\n"
    with pytest.raises(DictionaryError) as info:
        parse_verbs(text, "mine.verbs")
    assert info.value.file == "mine.verbs" and info.value.line == 3
    assert message in str(info.value) and str(info.value).startswith("mine.verbs:3:")
    # collected instead of raised: the line is skipped, nothing is coded from it
    errors: list[DictionaryError] = []
    d = parse_verbs(text, "mine.verbs", errors)
    assert [e.line for e in errors] == [3]
    assert d.blocks[0].patterns == []


def test_bad_block_code_keeps_reading_the_block() -> None:
    errors: list[DictionaryError] = []
    d = parse_verbs("--- HAUL [07?] ---\nHAUL\n- * OXEN [071]\n", "x.verbs", errors)
    assert [e.line for e in errors] == [1]
    assert d.blocks[0].code.event is None and d.blocks[0].patterns[0].code.event == "071"


def test_read_from_path_and_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "own.verbs"
    path.write_text(VERBS, encoding="utf-8")
    assert len(read_verbs(path).blocks) == 2
    with pytest.raises(DictionaryError, match="cannot read"):
        read_verbs(tmp_path / "missing.verbs")


def test_discards() -> None:
    found = parse_discards("# sport\nHARVEST FAIR\n+MINSTREL_CONTEST  # story\n", "d.txt")
    assert [(d.words, d.story, d.line) for d in found] == [
        (("HARVEST", "FAIR"), False, 2),
        (("MINSTREL", "CONTEST"), True, 3),
    ]
