"""The PolNeAR reader and the statements scorer, on a tiny hand-written fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.eval.polnear import iter_articles, parse_ann
from dossier.eval.statements import Pred, command, score_article, summary

MINI = Path(__file__).parent / "fixtures" / "polnear_mini"
SHARED = Path(__file__).parents[1].parent / "shared"


def _article():
    arts = list(iter_articles(MINI, "dev"))
    assert len(arts) == 1
    return arts[0]


def test_reader_first_annotator_spans_and_continuations() -> None:
    art = _article()
    assert len(art.attributions) == 3  # the first annotator file, not the empty second one
    first, quote, poll = art.attributions
    assert art.text[slice(*first.source[0])] == "The mayor"
    assert art.text[slice(*first.content[0])] == "that the bridge will open in May"
    assert art.text[slice(*quote.content[0])] == "“It is safe,”"
    # discontinuous content, fragments sorted into text order; the newline line is continued
    assert [art.text[s:e] for s, e in poll.content] == ["voters like", "it"]
    assert quote.quoted(art.text) and not first.quoted(art.text)


def test_parse_ann_ignores_helpers_and_notes() -> None:
    atts = parse_ann(
        "T1\tDiscard 0 3\tabc\n#1\tAnnotatorNotes T1\tx\nT2\tCue 4 8\tsaid\n"
        "E1\tAttribution:T2 Cue:T2\n"
    )
    assert len(atts) == 1
    assert atts[0].content == [] and atts[0].cue == [(4, 8)]


def test_score_perfect_partial_and_wrong() -> None:
    art = _article()
    text = art.text
    gold = art.attributions
    g1, g2, g3 = gold
    preds = [
        # covers the first content fully, right speaker
        Pred(content=list(g1.content), speaker=list(g1.source), has_speaker_mention=True),
        # the quote without its marks: still >= 50% and exact modulo marks; wrong speaker
        Pred(
            content=[(g2.content[0][0] + 1, g2.content[0][1] - 2)],
            speaker=[(0, 5)],
            has_speaker_mention=True,
        ),
        # far too little of the third
        Pred(content=[(g3.content[1][0], g3.content[1][1])], speaker=list(g3.source)),
    ]
    c = score_article(text, gold, preds)
    assert (c.gold, c.pred, c.matched, c.speaker_ok) == (3, 3, 2, 1)
    assert c.exact == 2
    assert (c.gold_q, c.matched_q, c.speaker_ok_q) == (1, 1, 0)
    s = summary(c)
    assert s["content"]["p"] == pytest.approx(2 / 3, abs=1e-3)
    assert s["end_to_end"]["r"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["quoted"]["content_recall"] == 1.0


def test_matching_is_one_to_one() -> None:
    art = _article()
    g1 = art.attributions[0]
    preds = [Pred(content=list(g1.content)), Pred(content=list(g1.content))]
    c = score_article(art.text, [g1], preds)
    assert c.matched == 1 and c.pred == 2


def test_command_on_fixture(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        command, ["--corpus", str(MINI), "--split", "dev", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    dossier = data["systems"]["dossier"]
    assert dossier["gold"] == 3
    assert dossier["content"]["r"] >= 2 / 3  # the said-that clause and the quote
    assert "textacy direct_quotations" in data["systems"]


@pytest.mark.corpus
def test_polnear_dev_reader() -> None:
    corpus = SHARED / "corpora" / "polnear"
    if not corpus.is_dir():
        pytest.skip("shared corpora not available")
    arts = list(iter_articles(corpus, "dev"))
    assert len(arts) == 84
    total = sum(len([g for g in a.attributions if g.content]) for a in arts)
    assert total == 2192
    for art in arts[:10]:
        for g in art.attributions:
            for s, e in g.content:
                assert 0 <= s < e <= len(art.text)
