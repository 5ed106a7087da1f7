"""Our own attribution set: the reader of its YAML files, the shipped set, and `--set` scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dossier.eval.attribution_set import SetError, iter_set, keep_classes, parse_article
from dossier.eval.statements import command

SET = Path(__file__).parents[1] / "evalsets" / "attribution"

TEXT = (
    "Port deal stalls\n\n"
    "The harbour board said the deal was off. “We tried,” said Ruth Ames, the chair. "
    "“We will try again.”\n\n"
    "Dock workers want the port to stay public. The mayor called the plan “a gift.”\n"
)


def _article(attributions: list[dict[str, object]]) -> dict[str, object]:
    return {"id": "port", "text": TEXT, "attributions": attributions}


def test_spans_nearest_cue_and_source_and_pieces() -> None:
    art = parse_article(
        _article(
            [
                {
                    "class": "speech",
                    "source": "The harbour board",
                    "cue": "said",
                    "content": "the deal was off",
                },
                {
                    "class": "speech",
                    "source": "Ruth Ames, the chair",
                    "cue": "said",  # the second "said", next to the quotation
                    "content": ["“We tried,”", "“We will try again.”"],
                },
                {
                    "class": "intention",
                    "source": "Dock workers",
                    "cue": "want",
                    "content": "the port to stay public",
                },
                {
                    "class": "speech",
                    "source": "The mayor",
                    "cue": "called",
                    "content": "the plan “a gift.”",
                    "form": "np",
                },
            ]
        ),
        "port.yaml",
    )
    board, ames, workers, mayor = art.attributions
    text = art.text
    assert text[slice(*board.cue[0])] == "said" and board.cue[0][0] < ames.cue[0][0]
    assert (
        text[slice(*ames.cue[0])] == "said" and text[ames.cue[0][0] - 3 : ames.cue[0][0]] == ",” "
    )
    assert [text[s:e] for s, e in ames.content] == ["“We tried,”", "“We will try again.”"]
    assert text[slice(*ames.source[0])] == "Ruth Ames, the chair"
    assert workers.cue_class == "intention" and workers.clausal
    assert mayor.clausal is False
    kept = keep_classes(art, frozenset({"speech", "thought"}), clausal_only=True)
    assert [g.id for g in kept.attributions] == [board.id, ames.id]


def test_nth_occurrence_and_whole_words() -> None:
    art = parse_article(
        _article(
            [
                {
                    "class": "speech",
                    "cue": {"text": "said", "n": 2},
                    "content": "“We will try again.”",
                    # "the" inside "them" or "there" would not count: whole words only
                    "source": {"text": "the chair", "n": 1},
                }
            ]
        ),
        "port.yaml",
    )
    (att,) = art.attributions
    assert art.text[att.cue[0][0] - 3 : att.cue[0][0]] == ",” "


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"class": "speech", "cue": "said", "content": "the deal was off", "who": "x"}, "unknown"),
        ({"class": "opinion", "cue": "said", "content": "the deal was off"}, "class"),
        ({"class": "speech", "cue": "said", "content": "a deal that never was"}, "not in"),
        ({"class": "speech", "cue": "said", "content": "We"}, "give n"),
        ({"class": "speech", "cue": "said"}, "required"),
        ({"class": "speech", "cue": "said", "content": "the deal", "form": "x"}, "form"),
    ],
)
def test_bad_attributions_name_the_file(item: dict[str, object], message: str) -> None:
    with pytest.raises(SetError, match=message) as err:
        parse_article(_article([item]), "bad.yaml")
    assert str(err.value).startswith("bad.yaml: attribution 1")


def test_shipped_set_is_readable_and_news_sized() -> None:
    arts = list(iter_set(SET))
    assert len(arts) >= 20
    assert len({a.name for a in arts}) == len(arts)
    for art in arts:
        assert 150 <= len(art.text.split()) <= 400, art.name
        for g in art.attributions:
            for s, e in [*g.content, *g.cue, *g.source]:
                assert 0 <= s < e <= len(art.text)
    counted = [
        g
        for a in arts
        for g in keep_classes(a, frozenset({"speech", "thought"}), True).attributions
    ]
    assert len(counted) >= 100


def test_command_scores_a_set_speech_and_thought_by_default(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    article = _article(
        [
            {
                "class": "speech",
                "source": "The harbour board",
                "cue": "said",
                "content": "the deal was off",
            },
            {
                "class": "intention",
                "source": "Dock workers",
                "cue": "want",
                "content": "the port to stay public",
            },
        ]
    )
    (folder / "port.yaml").write_text(yaml.safe_dump(article, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "r.json"
    runner = CliRunner()
    result = runner.invoke(command, ["--set", str(folder), "--no-baseline", "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["count"] == "speech+thought"
    assert data["systems"]["dossier"]["gold"] == 1  # the intention is not counted
    assert data["systems"]["dossier"]["content"]["r"] == 1.0
    result = runner.invoke(
        command, ["--set", str(folder), "--no-baseline", "--count", "all", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["systems"]["dossier"]["gold"] == 2
    (folder / "bad.yaml").write_text("id: x\ntext: 3\n", encoding="utf-8")
    result = runner.invoke(command, ["--set", str(folder), "--no-baseline"])
    assert result.exit_code != 0 and "bad.yaml" in result.output
