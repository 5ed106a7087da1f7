"""The cue class of a statement (speech, thought, intention, evidence), its data and its queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from corpus_fixtures import FakeAnalyzer
from dossier.nlp.state import get_state
from dossier.nlp.statements.lexicon import cue_class, cue_lexicon
from dossier.record import Record, Statement
from dossier.rules.schemas.statements import CuesFile
from dossier.store import queries
from dossier.store.core import Store
from dossier.web.app import create_web_app


def by_cue(nlp: Language, text: str, cue: str) -> Statement:
    sts = get_state(nlp(text)).statements
    hits = [st for st in sts if st.cue is not None and st.cue.text == cue]
    assert hits, [(st.cue.text if st.cue else None, st.rule) for st in sts]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "cue", "cls"),
    [
        ("She said that the bridge would reopen in March.", "said", "speech"),
        ("The governor told reporters the budget was balanced.", "told", "speech"),
        (
            "According to the ministry, the talks will resume next week.",
            "According to",
            "speech",
        ),
        ("He believes that the court will side with the union.", "believes", "thought"),
        ("Most farmers think the drought will last another year.", "think", "thought"),
        ("The minister plans to raise the fuel tax in the autumn.", "plans", "intention"),
        ("The mayor wants to close the old harbour road.", "wants", "intention"),
        ("A poll shows that voters trust the opposition more.", "shows", "evidence"),
        ("The audit found that the agency had overspent its budget.", "found", "evidence"),
    ],
)
def test_cue_class_of_each_kind(nlp: Language, text: str, cue: str, cls: str) -> None:
    st = by_cue(nlp, text, cue)
    assert st.cue_class == cls


def test_cue_class_defaults_to_speech_for_unclassed_words() -> None:
    lex = cue_lexicon()
    assert cue_class(lex, "say") == "speech"
    assert cue_class(lex, ":") == "speech"
    assert cue_class(lex, "believe") == "thought"
    assert cue_class(lex, "concern") == "thought"  # a noun classed in `classes`
    assert cue_class(lex, "seem") == "evidence"


def test_cues_file_rejects_a_word_in_two_classes() -> None:
    base = {"verbs": {}, "function_words": {k: [] for k in _function_word_keys()}}
    CuesFile.model_validate({**base, "classes": {"thought": ["hope"]}})
    with pytest.raises(ValueError, match="listed under thought and intention"):
        CuesFile.model_validate({**base, "classes": {"thought": ["hope"], "intention": ["hope"]}})
    with pytest.raises(ValueError):
        CuesFile.model_validate({**base, "classes": {"opinion": ["hope"]}})
    with pytest.raises(ValueError):
        CuesFile.model_validate({**base, "verbs": {"belief": {"strong": ["think"]}}})


def _function_word_keys() -> list[str]:
    from dossier.rules.schemas.statements import FunctionWords

    return list(FunctionWords.model_fields)


def test_store_filters_statements_by_class(store_url: str) -> None:
    text = "She said that the bridge would reopen. He believes that the court will rule soon."
    rec = Record.model_validate(
        {
            "id": "doc-classes",
            "text": text,
            "statements": [
                {
                    "id": "S1",
                    "kind": "indirect",
                    "cue_class": "speech",
                    "content": [{"start": 14, "end": 37, "text": text[14:37]}],
                },
                {
                    "id": "S2",
                    "kind": "indirect",
                    "cue_class": "thought",
                    "content": [{"start": 53, "end": 80, "text": text[53:80]}],
                },
            ],
        }
    )
    with Store(store_url) as store:
        store.add_record(rec)
        every = queries.statements(store)
        assert {r["cue_class"] for r in every} == {"speech", "thought"}
        thought = queries.statements(store, cue_class="thought")
        assert [r["content"] for r in thought] == [text[53:80]]
        app = create_web_app(store, analyzer_factory=FakeAnalyzer, require_assets=False)
        api = TestClient(app, base_url="http://testserver/api/")
        got = api.get("statements", params={"class": "speech"}).json()
        assert [r["cue_class"] for r in got] == ["speech"]
        assert api.get("statements", params={"class": "rumour"}).status_code == 422


@pytest.mark.parametrize(
    ("text", "cue", "cls"),
    [
        ("The senator supports the new border bill.", "supports", "intention"),
        ("Most of the delegates voted for the budget plan.", "voted", "intention"),
        ("The union seeks a higher minimum wage for drivers.", "seeks", "intention"),
        ("Analysts know that the harvest will be poor this year.", "know", "thought"),
    ],
)
def test_stances_and_attitudes_are_not_speech(nlp: Language, text: str, cue: str, cls: str) -> None:
    assert by_cue(nlp, text, cue).cue_class == cls


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The young couple found a small flat near the river.", "found"),
        ("Graduates often find jobs far from their home towns.", "find"),
        ("The campaign is preparing to leave the state on Friday.", "preparing"),
        ("The new advertisements are aimed at older voters in the suburbs.", "aimed"),
        ("In response to the flooding, the council closed the lower road.", "response"),
    ],
)
def test_objects_targets_and_schedules_are_not_statements(
    nlp: Language, text: str, cue: str
) -> None:
    sts = get_state(nlp(text)).statements
    assert not [st for st in sts if st.cue is not None and st.cue.text == cue], [
        st.rule for st in sts
    ]


def test_cli_query_statements_by_class(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dossier.cli import cli

    text = "She said that the bridge would reopen. He believes that the court will rule soon."
    rec = Record.model_validate(
        {
            "id": "doc-cli",
            "statements": [
                {
                    "id": "S1",
                    "kind": "indirect",
                    "cue_class": "speech",
                    "content": [{"start": 14, "end": 37, "text": text[14:37]}],
                },
                {
                    "id": "S2",
                    "kind": "indirect",
                    "cue_class": "thought",
                    "content": [{"start": 53, "end": 80, "text": text[53:80]}],
                },
            ],
        }
    )
    db = f"sqlite:///{tmp_path / 'q.db'}"
    with Store(db) as store:
        store.add_record(rec)
    runner = CliRunner()
    args = ["query", "statements", "--db", db, "--format", "json"]
    got = json.loads(runner.invoke(cli, [*args, "--class", "thought"]).output)
    assert [r["cue_class"] for r in got] == ["thought"]
    bad = runner.invoke(cli, [*args, "--class", "rumour"])
    assert bad.exit_code != 0 and "speech" in bad.output
