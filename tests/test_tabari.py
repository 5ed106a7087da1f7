"""`dossier kb import`: TABARI/PETRARCH .actors and .agents dictionaries into the actor KB."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.knowledge import actors as actors_mod
from dossier.knowledge.actors import actor_kb, clear_caches, imported_roles, read_entries
from dossier.knowledge.tabari import (
    import_dictionary,
    parse_actors,
    parse_agents,
    parse_code,
    parse_date,
    split_code,
)
from dossier.knowledge.tabari_cli import import_command

FIXTURES = Path(__file__).parent / "fixtures" / "tabari"
SHARED = Path(__file__).parents[1].parent / "shared"
DICTIONARIES = SHARED / "corpora" / "dictionaries"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("DOSSIER_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    clear_caches()
    yield tmp_path
    clear_caches()


def test_dates() -> None:
    assert parse_date("000717") == dt.date(2000, 7, 17)
    assert parse_date("300101") == dt.date(2030, 1, 1)
    assert parse_date("310101") == dt.date(1931, 1, 1)
    assert parse_date("20121231") == dt.date(2012, 12, 31)
    with pytest.raises(ValueError):
        parse_date("2004017")


def test_codes() -> None:
    assert parse_code("SYRGOV >000717") == parse_code("SYRGOV > 20000717")
    assert parse_code("SYRGOV >000717").start == dt.date(2000, 7, 17)
    before = parse_code("XYZGOV <991231")
    assert before.start is None and before.end == dt.date(1999, 12, 30)
    span = parse_code("NLDGOV 060101-20121231")
    assert (span.start, span.end) == (dt.date(2006, 1, 1), dt.date(2012, 12, 31))
    warnings: list[str] = []
    broken = parse_code("ABCGOV 2004017-20061201", warnings, "x")
    assert broken.start is None and broken.end == dt.date(2006, 12, 1) and warnings
    assert split_code("SYRGOV") == ("SYR", "GOV")
    assert split_code("IRNMILIRG") == ("IRN", "MIL")
    assert split_code("IGOUNOREFHCR") == ("IGO", "IGO")
    assert split_code("IMGMUSALQ") == ("IMG", "REB")
    assert split_code("ELI") == (None, "ELI")
    assert split_code("AFG") == ("AFG", None)
    assert split_code("ETHGOV") == ("ETH", "GOV")  # Ethiopia, not a sector


def test_parse_actors_fixture() -> None:
    warnings: list[str] = []
    entries = parse_actors((FIXTURES / "small.actors.txt").read_text("utf-8"), warnings)
    by_phrase = {e.phrase: e for e in entries}
    jane = by_phrase["JANE_Q_EXAMPLE_"]
    assert jane.synonyms == ["MINISTER_EXAMPLE", "J._Q._EXAMPLE_"]
    assert [c.code for c in jane.codes] == ["NLDELI", "NLDGOV", "NLDMIL", "NLDELI"]
    assert by_phrase["OLD_NAME_"].codes[0].code == "QQQREB"  # 0x1A byte ignored
    assert "NO_CODE_ENTRY_" in by_phrase and not by_phrase["NO_CODE_ENTRY_"].codes
    assert any("2004017" in w for w in warnings)


def test_parse_agents_fixture() -> None:
    agents = parse_agents((FIXTURES / "small.agents.txt").read_text("utf-8"))
    phrases = [a.phrase for a in agents]
    assert "FOREIGN_MINISTER" in phrases and "FOREIGN_MINISTRIES" in phrases
    assert "POLICEMAN" in phrases and "POLICEWOMEN" in phrases
    assert "BROKEN_LINE_WITHOUT_CODE" not in phrases
    soldier = next(a for a in agents if a.phrase == "SOLDIER")
    assert soldier.code == "MIL" and soldier.plurals == ("SOLDIERS",)


def test_import_actors_fixture(home: Path) -> None:
    stats = import_dictionary(FIXTURES / "small.actors.txt", name="small")
    out = home / "actors" / "imported-small.yaml"
    assert stats.output == str(out) and out.is_file()
    assert stats.skipped == 2  # no code, null code
    assert stats.dated_codes == 7
    kb = actor_kb()
    jane = kb.lookup("Jane Q Example")
    assert jane is not None and jane.id == "small:jane-q-example"
    assert jane.type == "PERSON"
    assert jane.coding_on(dt.date(2000, 1, 1))[:2] == ("NLD", "ELI")
    assert jane.coding_on(dt.date(2010, 6, 1))[:2] == ("NLD", "GOV")
    assert jane.coding_on(dt.date(2012, 12, 31))[:2] == ("NLD", "GOV")
    assert jane.coding_on(dt.date(2020, 1, 1))[:2] == ("NLD", "MIL")
    assert jane.code_on(dt.date(2010, 6, 1)) == "NLDGOV"
    assert kb.lookup("j. q. example") is jane and kb.lookup("Minister Example") is jane
    country = kb.lookup("Northlander")
    assert country is not None and country.type == "GPE" and country.country == "NLD"
    old = kb.lookup("old regime")
    assert old is not None and old.coding_on(dt.date(1999, 12, 31))[:2] == ("XYZ", "ELI")
    assert old.coding_on(dt.date(1995, 1, 1))[:2] == ("XYZ", "GOV")
    fft = kb.lookup("FFT")
    assert fft is not None and (fft.country, fft.sector, fft.code) == ("IMG", "REB", "IMGMUSFFT")
    assert kb.lookup("Front for Testing") is fft
    unhcr = kb.lookup("unhcr")
    assert unhcr is not None and unhcr.country == "IGO"
    assert kb.lookup("No Code Entry") is None
    # the packaged entry wins over the imported one with the same name
    assert kb.lookup("Bashar al-Assad") is kb.actors["bashar-al-assad"]
    imported = [a for a in kb.candidates("Bashar Assad") if a.id.startswith("small:")]
    assert imported and imported[0].coding_on(dt.date(2010, 1, 1))[:2] == ("SYR", "GOV")
    assert imported[0].coding_on(dt.date(1990, 1, 1))[:2] == ("SYR", "ELI")


def test_import_agents_fixture(home: Path) -> None:
    stats = import_dictionary(FIXTURES / "small.agents.txt", name="small")
    assert stats.kind == "agents"
    assert (home / "agents" / "imported-small.yaml").is_file()
    roles = {r["noun"]: r for r in imported_roles()}
    assert roles["soldier"]["sector"] == "MIL"  # the first of two wins
    assert roles["riot police"]["kind"] == "group"  # {} = no plural: a collective
    assert roles["foreign minister"]["sector"] == "GOV"
    assert roles["defense minister"]["code"] == "GOVMIL"
    assert roles["policewoman"]["sector"] == "COP"
    assert roles["weather"]["sector"] is None  # JNK: not an actor
    assert roles["peacekeeper"]["sector"] == "IGO"


def test_cli_import(home: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(import_command, [str(FIXTURES), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["kind"] for r in rows} == {"actors", "agents"}
    assert (home / "actors" / "imported-small-actors.yaml").is_file()
    dry = runner.invoke(
        import_command, [str(FIXTURES / "small.actors.txt"), "--dry-run", "--name", "dry"]
    )
    assert dry.exit_code == 0 and not (home / "actors" / "imported-dry.yaml").exists()


def test_imported_file_is_valid_yaml(home: Path) -> None:
    import yaml

    import_dictionary(FIXTURES / "small.actors.txt", name="small")
    path = home / "actors" / "imported-small.yaml"
    assert yaml.safe_load(path.read_text("utf-8")) == read_entries(path)
    assert actors_mod.IMPORT_MARKER in path.read_text("utf-8").splitlines()[0]


@pytest.mark.corpus
def test_phoenix_import(home: Path) -> None:
    if not (DICTIONARIES / "Phoenix.Countries.actors.txt").is_file():
        pytest.skip("shared dictionaries absent")
    started = time.perf_counter()
    counts = {}
    for name in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "PLOVER_agents.txt",
    ):
        stats = import_dictionary(DICTIONARIES / name)
        counts[name] = stats
    elapsed = time.perf_counter() - started
    countries = counts["Phoenix.Countries.actors.txt"]
    assert countries.entries == 18390 and countries.synonyms == 7527
    assert countries.dated_codes > 26000
    assert counts["Phoenix.MilNonState.actors.txt"].written > 1000
    assert counts["Phoenix.agents.txt"].written > 2000
    assert elapsed < 30
    kb = actor_kb()
    assad = [a for a in kb.candidates("Bashar al-Assad") if a.id.startswith("phoenix")]
    assert assad
    assert assad[0].coding_on(dt.date(2010, 1, 1))[:2] == ("SYR", "GOV")
    assert assad[0].coding_on(dt.date(1990, 1, 1))[:2] == ("SYR", "ELI")
    hezbollah = [a for a in kb.candidates("Hezbollah") if a.id.startswith("phoenix")]
    assert hezbollah and hezbollah[0].country == "LBN" and hezbollah[0].sector == "REB"
    roles = {r["noun"]: r for r in imported_roles()}
    assert roles["soldier"]["sector"] == "MIL"
    assert roles["foreign minister"]["sector"] == "GOV"
