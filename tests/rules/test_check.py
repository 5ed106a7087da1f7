"""`dossier rules check` and the events loader refuse broken rule files, naming file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.knowledge.ontology import ontology
from dossier.knowledge.resources import clear_caches
from dossier.nlp import events
from dossier.rules import RulesError
from dossier.rules.loader import load_rule_file
from dossier.rules.schemas import schema_modules
from dossier.rules.schemas.events import EventTypeFile

GOOD = """\
type: ASSAULT
patterns:
  - id: assault.user.zap
    mode: fight
    cameo: "190"
    verbs: [zap]
    provenance: "a made-up verb for this test"
    examples:
      - {text: "Rebels zapped the town.", expect: {type: ASSAULT}}
"""


def _clear() -> None:
    clear_caches()
    ontology.cache_clear()
    events.lexicon.cache_clear()


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "events").mkdir()
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(tmp_path))
    _clear()
    yield tmp_path
    monkeypatch.delenv("DOSSIER_DATA_PATH")
    _clear()


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["rules", "check", "--no-examples", *args])
    return result.exit_code, result.output


def test_packaged_rules_pass() -> None:
    code, out = _run()
    assert code == 0, out


def test_schema_modules_are_discovered() -> None:
    names = [m.__name__.rsplit(".", 1)[-1] for m in schema_modules()]
    assert "events" in names


def test_unknown_key_names_file_and_line(user_data: Path) -> None:
    path = user_data / "events" / "ASSAULT.yaml"
    path.write_text(GOOD.replace("    verbs: [zap]", "    verbz: [zap]"), encoding="utf-8")
    code, out = _run()
    assert code == 1
    assert f"{path}:6: unknown key 'verbz'" in out
    # the component refuses the same file, with the same message
    with pytest.raises(RulesError, match=r"ASSAULT\.yaml:6: unknown key 'verbz'"):
        events.lexicon()


def test_yaml_syntax_error_names_the_line(user_data: Path) -> None:
    path = user_data / "events" / "ASSAULT.yaml"
    path.write_text(GOOD.replace("verbs: [zap]", "verbs: [zap"), encoding="utf-8")
    code, out = _run()
    assert code == 1
    assert str(path) in out and "YAML error" in out


def test_bare_boolean_word_is_refused(user_data: Path) -> None:
    path = user_data / "events" / "ASSAULT.yaml"
    path.write_text(GOOD.replace("verbs: [zap]", "verbs: [zap]\n    target_preps: [on]"))
    code, out = _run()
    assert code == 1
    assert f"{path}:7:" in out and "quote it" in out


def test_shadowing_word_is_refused(user_data: Path) -> None:
    path = user_data / "events" / "ASSAULT.yaml"
    path.write_text(GOOD.replace("[zap]", "[zap, bomb]"), encoding="utf-8")
    code, out = _run()
    assert code == 1
    assert f"{path}:6: verb 'bomb' is already claimed by assault.aerial" in out
    with pytest.raises(RulesError, match="already claimed"):
        events.lexicon()


def test_replaces_takes_the_place_of_a_packaged_pattern(user_data: Path) -> None:
    path = user_data / "events" / "ASSAULT.yaml"
    text = GOOD.replace("[zap]", "[zap, bomb]").replace(
        "    provenance:", "    replaces: assault.aerial\n    provenance:"
    )
    path.write_text(text, encoding="utf-8")
    code, out = _run()
    assert code == 0, out
    assert events.lexicon().verbs["bomb"].mode == "fight"


def test_cameo_of_another_type_is_refused_unless_explained(user_data: Path) -> None:
    path = user_data / "events" / "ASSAULT.yaml"
    path.write_text(GOOD.replace('cameo: "190"', 'cameo: "173"'), encoding="utf-8")
    code, out = _run()
    assert code == 1
    assert f"{path}:5: CAMEO 173 maps to COERCE" in out
    path.write_text(
        GOOD.replace('cameo: "190"', 'cameo: "173"\n    cameo_exception: "a test reason"'),
        encoding="utf-8",
    )
    assert _run()[0] == 0


def test_unknown_mode_and_type(user_data: Path) -> None:
    (user_data / "events" / "ASSAULT.yaml").write_text(
        GOOD.replace("mode: fight", "mode: tickle"), encoding="utf-8"
    )
    (user_data / "events" / "FROBNICATE.yaml").write_text(
        GOOD.replace("type: ASSAULT", "type: FROBNICATE").replace("zap", "frob"),
        encoding="utf-8",
    )
    code, out = _run()
    assert code == 1
    assert "mode 'tickle' is not a mode of ASSAULT" in out
    assert "unknown PLOVER type 'FROBNICATE'" in out


def test_a_wrong_example_fails_with_its_line(user_data: Path, analyzer) -> None:  # type: ignore[no-untyped-def]
    from dossier.rules.check import check

    path = user_data / "events" / "ASSAULT.yaml"
    path.write_text(GOOD + '      - {text: "Rebels zapped the town.", expect: none}\n')
    problems = check(analyzer_factory=lambda: analyzer)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:10: assault.user.zap: example 'Rebels zapped")
    assert "expected no ASSAULT event, got ASSAULT 'zapped'" in problems[0]


def test_loader_reports_missing_fields_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "ASSAULT.yaml"
    path.write_text("type: ASSAULT\npatterns:\n  - id: assault.x\n    verbs: [zap]\n")
    with pytest.raises(RulesError) as err:
        load_rule_file(path, EventTypeFile)
    text = str(err.value)
    assert f"{path}:3: missing key 'cameo'" in text
    assert f"{path}:3: missing key 'provenance'" in text


def test_a_bad_user_file_gives_a_message_not_a_traceback(
    user_data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dossier.cli import main

    path = user_data / "events" / "ASSAULT.yaml"
    path.write_text(GOOD.replace("    verbs: [zap]", "    verbz: [zap]"), encoding="utf-8")
    text = user_data / "article.txt"
    text.write_text("Rebels attacked the town on Monday.", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["dossier", "analyze", str(text), "--format", "text"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"{path}:6: unknown key 'verbz'" in err
    assert "Traceback" not in err


def test_the_old_patterns_file_is_not_silently_ignored(user_data: Path) -> None:
    (user_data / "event_patterns.yaml").write_text("patterns: []\n", encoding="utf-8")
    code, out = _run()
    assert code == 1
    assert "event_patterns.yaml is no longer read" in out
    with pytest.raises(RulesError, match="no longer read"):
        events.lexicon()
