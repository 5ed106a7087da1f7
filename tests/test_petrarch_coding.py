"""Coding with a user's PETRARCH/TABARI dictionaries on Dossier's parse (own fantasy
dictionaries and sentences, written here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.knowledge.petrarch_dicts import Dictionaries, load_dictionaries
from dossier.knowledge.petrarch_verbs import DictionaryError

VERBS = """\
&SIEGEWORKS
+CATAPULTS
+BATTERING_RAMS

--- BESIEGE [192] ---
BESIEGE
- * WITH &SIEGEWORKS [195]

--- SHIP [070] ---
SHIP
- * GRAIN (TO +) [073]

--- PARLEY [043:044] ---
PARLEY

--- MOCK [---] ---
MOCK
- * OPENLY [111]

--- LAMENT [080] ---
LAMENT
- * THE [06!]

--- RESTORE [---] ---
RESTORE
- % * TIES [064:064]

--- CAUTION [160] ---
CAUTION
- * AT ^ +  [162]

--- TRUST [023] ---
TRUST

--- PELT [190] ---
PELT
"""

ACTORS = """\
VALDORIA [VLD]
+VALDORIAN
KESTRIA [KST]
QUEEN_MIRELLE_ [KSTGOV 900101-991231]
  [KSTELI]
TARVENIA [TRV]
DUSKMOOR [DSK]
"""

AGENTS = """\
SOLDIER {SOLDIERS} [~MIL]
WARDEN {} [~COP]
MERCYBAND {} [NGO~]
ENVOY [~GOV]
JUDGE [~JUD]
PROTESTER [~OPP]
"""

DISCARDS = """\
JOUSTING TOURNAMENT
+HARVEST PAGEANT
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("dicts")
    out: dict[str, list[str]] = {}
    for kind, text in [
        ("verbs", VERBS),
        ("actors", ACTORS),
        ("agents", AGENTS),
        ("discards", DISCARDS),
    ]:
        path = folder / f"own.{kind}"
        path.write_text(text, encoding="utf-8")
        out[kind] = [str(path)]
    return out


@pytest.fixture(scope="module")
def dicts(files: dict[str, list[str]]) -> Dictionaries:
    return load_dictionaries(files)


@pytest.fixture(scope="module")
def code(dicts: Dictionaries):  # type: ignore[no-untyped-def]
    from dossier.eval.petrarch_suite import spacy_coder

    return spacy_coder(dicts)


def test_the_malformed_line_is_reported_and_codes_nothing(dicts: Dictionaries) -> None:
    assert [(Path(e.file).name, e.line) for e in dicts.errors] == [("own.verbs", 22)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the block's own code; agent + country adjective = VLDMIL
        ("Valdorian soldiers besieged Kestria on Monday.", {("VLDMIL", "KST", "192")}),
        # a pattern with a set after the verb is more specific than the block
        (
            "Valdoria besieged Kestria with catapults at dawn.",
            {("VLD", "KST", "195")},
        ),
        # a prepositional phrase holding the target slot
        ("Valdoria shipped grain to Kestria last week.", {("VLD", "KST", "073")}),
        # a passive: the by-phrase acts
        ("Kestria was besieged by Valdoria.", {("VLD", "KST", "192")}),
        # [a:b]: both directions
        (
            "Valdoria parleyed with Kestria.",
            {("VLD", "KST", "043"), ("KST", "VLD", "044")},
        ),
        # coordinated targets each get the event
        (
            "Valdoria besieged Kestria and Ostmark.",
            {("VLD", "KST", "192")},
        ),
        # [---] block: no event unless a pattern codes one
        ("Valdoria mocked Kestria.", set()),
        ("Valdoria openly mocked Kestria.", set()),
        ("Valdoria mocked Kestria openly.", {("VLD", "KST", "111")}),
        # a sentence discard phrase
        ("Valdoria besieged Kestria at the jousting tournament.", set()),
        # the malformed pattern line codes nothing: the block's code holds
        ("Valdoria lamented the losses of Kestria.", {("VLD", "KST", "080")}),
        # actors listed in the words form one compound actor, modifiers between them allowed
        (
            "Valdoria, Tarvenia and the proud Duskmoor besieged Kestria.",
            {("VLD", "KST", "192"), ("TRV", "KST", "192"), ("DSK", "KST", "192")},
        ),
        # "{}": the agent has no plural forms, so "wardens" is no warden
        ("The warden of Valdoria besieged Kestria.", {("VLDCOP", "KST", "192")}),
        ("The wardens of Valdoria besieged Kestria.", {("VLD", "KST", "192")}),
        # a prefix agent before a country + agent codes with it
        ("A Mercyband Valdorian soldier besieged Kestria.", {("NGOVLDMIL", "KST", "192")}),
        # "%": the compound actor of the pattern codes its members with each other, also
        # when the parse makes a common noun the subject
        (
            "Old foes Valdoria and Tarvenia have restored ties.",
            {("VLD", "TRV", "064"), ("TRV", "VLD", "064")},
        ),
        # "^": the noun phrase after "at" is passed over; the target comes after it
        (
            "Valdoria cautioned at the border council of Kestria yesterday.",
            {("VLD", "KST", "162")},
        ),
        ("Valdoria cautioned at Tarvenia about Kestria.", {("VLD", "KST", "162")}),
        # agents listed together share the country: "Valdorian envoys and soldiers"
        (
            "Valdorian judges and envoys besieged Kestria.",
            {("VLDJUD", "KST", "192"), ("VLDGOV", "KST", "192")},
        ),
        (
            "Judges and envoys of Valdoria and Tarvenia besieged Kestria.",
            {
                ("VLDJUD", "KST", "192"),
                ("TRVJUD", "KST", "192"),
                ("VLDGOV", "KST", "192"),
                ("TRVGOV", "KST", "192"),
            },
        ),
        # the possessor across the agent's modifiers; the name after the agent is the same
        # person, coded by the possessor's country
        (
            "Kestria's bold and clever envoy Queen Mirelle besieged Duskmoor.",
            {("KSTGOV", "DSK", "192")},
        ),
        # the first actor after the verb brings the actors listed with it
        (
            "Valdoria trusts Kestria and Tarvenia will keep the peace.",
            {("VLD", "KST", "023"), ("VLD", "TRV", "023")},
        ),
        # a name written with "_" in the text matches the dictionary's words
        ("Valdoria besieged Queen_Mirelle yesterday.", {("VLD", "KSTELI", "192")}),
    ],
)
def test_coding(code, sentence: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert code(sentence, None) == expected


def test_dated_actor_codes(code) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    text = "Queen Mirelle besieged Valdoria."
    assert code(text, dt.date(1995, 5, 1)) == {("KSTGOV", "VLD", "192")}
    assert code(text, dt.date(2005, 5, 1)) == {("KSTELI", "VLD", "192")}


def test_story_discard(code) -> None:  # type: ignore[no-untyped-def]
    assert code("At the harvest pageant, Valdoria besieged Kestria.", None) == set()


def test_unknown_kind_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="unknown dictionary kind"):
        load_dictionaries({"nouns": [tmp_path / "x"]})
    with pytest.raises(DictionaryError, match="cannot read"):
        load_dictionaries({"verbs": [tmp_path / "missing.verbs"]})


def test_analyzer_codes_with_dictionaries(files: dict[str, list[str]]) -> None:
    from dossier.analyzer import Analyzer

    analyzer = Analyzer(dictionaries=files)
    record = analyzer.analyze(
        "Valdorian soldiers besieged Kestria on Monday.", published="2024-03-01"
    )
    coded = [e for e in record.events if e.cameo == "192"]
    assert len(coded) == 1
    ev = coded[0]
    assert ev.type == "ASSAULT"  # CAMEO 19x -> PLOVER ASSAULT
    assert "own.verbs:5" in ev.rule and "own.actors:1" in ev.rule
    entities = {e.id: e for e in record.entities}
    assert entities[ev.source[0]].actor_code == "VLDMIL"
    assert entities[ev.target[0]].actor_code == "KST"


def test_dictionary_code_turned_by_the_actors(files: dict[str, list[str]]) -> None:
    # the dictionary codes the verb (190); that the actor is a crowd makes it a riot, as for
    # Dossier's own codes (crowd_violence of events/_shared.yaml)
    from dossier.analyzer import Analyzer

    analyzer = Analyzer(dictionaries=files)
    record = analyzer.analyze("Valdorian protesters pelted Kestria's embassy with stones.")
    coded = [e for e in record.events if "own.verbs" in e.rule]
    assert [(e.type, e.cameo) for e in coded] == [("PROTEST", "145")]
    assert "crowd violence -> PROTEST" in coded[0].rule
    plain = analyzer.analyze("Valdorian soldiers pelted Kestria's embassy with stones.")
    assert [e.cameo for e in plain.events if "own.verbs" in e.rule] == ["190"]


def test_cli_option(files: dict[str, list[str]], tmp_path: Path) -> None:
    from dossier.cli import cli

    text = tmp_path / "a.txt"
    text.write_text("Valdoria shipped grain to Kestria last week.\n", encoding="utf-8")
    runner = CliRunner()
    args = ["analyze", str(text), "--format", "jsonl", "-q"]
    for kind, paths in files.items():
        args += ["--dictionary", f"{kind}={paths[0]}"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert '"cameo":"073"' in result.output.replace(" ", "")
    bad = runner.invoke(cli, ["analyze", str(text), "--dictionary", "nouns=x"])
    assert bad.exit_code == 2 and "KIND=PATH" in bad.output


UNIT_XML = """<Environment><Include categories="SIEGE TRADE"/></Environment>
<Sentences>
<Sentence date="19950101" id="SIEGE-1" category="SIEGE">
<EventCoding sourcecode='VLDMIL' targetcode="KST" eventcode="192"></EventCoding>
<Text>Valdorian soldiers besieged Kestria.</Text>
</Sentence>
<Sentence date="19950101" id="TRADE-1" category="TRADE">
<EventCoding noevents="True"/>
<Text>Valdoria mocked Kestria.</Text>
</Sentence>
<Sentence date="19950101" id="TRADE-2" category="TRADE">
<EventCoding sourcecode="KST" targetcode="VLD" eventcode="073"></EventCoding>
<Text>Valdoria shipped grain to Kestria.</Text>
</Sentence>
<Sentence date="19950101" id="SKIP-1" category="SKIPPED">
<EventCoding sourcecode="VLD" targetcode="KST" eventcode="192"></EventCoding>
<Text>Valdoria besieged Kestria.</Text>
</Sentence>
</Sentences>
"""


def test_unit_suite_scoring(tmp_path: Path, code) -> None:  # type: ignore[no-untyped-def]
    from dossier.eval.petrarch_suite import read_unit_records, score_suite

    path = tmp_path / "suite.xml"
    path.write_text(UNIT_XML, encoding="utf-8")
    records = read_unit_records(path)
    assert [r.id for r in records] == ["SIEGE-1", "TRADE-1", "TRADE-2"]  # <Include> only
    assert records[1].noevents and not records[1].expected
    result = score_suite(records, code).to_dict()
    # TRADE-2 expects the wrong direction: coded (VLD, KST, 073) is a false positive
    assert result["pass_rate"] == pytest.approx(2 / 3)
    assert (result["tuple_precision"], result["tuple_recall"]) == (0.5, 0.5)
    assert result["by_category"]["TRADE"] == {"records": 2, "failed": 1}


SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "events"


@pytest.mark.skipif(
    not (SHARED / "PETR.UnitTest.records.xml").is_file(), reason="../shared corpora absent"
)
def test_petrarch_unit_suite_by_path() -> None:
    from dossier.eval.petrarch_suite import run_suite

    result = run_suite(SHARED)
    assert result is not None and result["records"] > 250
    # figures measured when this coder landed: a regression floor, not a target
    assert result["pass_rate"] >= 0.6 and result["tuple_f1"] >= 0.65
