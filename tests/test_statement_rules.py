"""The statements data files against their models (dossier.rules.schemas.statements)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.knowledge.resources import DATA_DIR, clear_caches, load_yaml
from dossier.nlp.statements.lexicon import CueFileError, cue_lexicon, load_checked
from dossier.rules.schemas.statements import FILES


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user data directory (DOSSIER_DATA_PATH) whose files extend the packaged ones."""
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(tmp_path))
    clear_caches()
    cue_lexicon.cache_clear()
    yield tmp_path
    monkeypatch.delenv("DOSSIER_DATA_PATH")
    clear_caches()
    cue_lexicon.cache_clear()


@pytest.mark.parametrize("name", sorted(FILES))
def test_shipped_files_validate(name: str) -> None:
    assert (DATA_DIR / name).is_file()
    model = FILES[name]
    assert model.model_config.get("extra") == "forbid"
    parsed = model.model_validate(load_yaml(name))
    assert parsed.model_dump()  # a whole file, not an empty model


def test_lexicon_holds_the_file_words() -> None:
    lex = cue_lexicon()
    assert lex.verbs["say"] == "speech" and lex.verbs["believe"] == "thought"
    assert "for" in lex.phrasal["call"] and "on" in lex.phrasal["call"]
    assert {"yes", "no", "so"} <= lex.words.bare_answers  # quoted in the file: not booleans
    assert lex.words.impersonal == lex.words.expletives | {"this", "that"}


def test_unknown_key_names_the_file(user_data: Path) -> None:
    (user_data / "cues.yaml").write_text("hedgez: [purportedly]\n", encoding="utf-8")
    with pytest.raises(CueFileError) as err:
        cue_lexicon()
    message = str(err.value)
    assert "cues.yaml" in message and str(user_data / "cues.yaml") in message
    assert "hedgez" in message


def test_bare_boolean_word_is_refused(user_data: Path) -> None:
    (user_data / "cues.yaml").write_text(
        "function_words:\n  bare_answers: [yes]\n", encoding="utf-8"
    )
    with pytest.raises(CueFileError, match=r"function_words\.bare_answers"):
        load_checked("cues.yaml")


def test_user_words_extend_the_lexicon(user_data: Path) -> None:
    (user_data / "cues.yaml").write_text("hedges: [purportedly, reputedly]\n", encoding="utf-8")
    lex = cue_lexicon()
    assert "reputedly" in lex.hedges and "allegedly" in lex.hedges
