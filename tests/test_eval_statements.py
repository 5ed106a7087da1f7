"""The PolNeAR reader and the statements scorer, on a tiny hand-written fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.eval.polnear import iter_articles, parse_ann
from dossier.eval.statements import Pred, command, score_article, summary

SHARED = Path(__file__).parents[1].parent / "shared"

# A three-sentence article of our own, annotated in the brat standoff layout the PolNeAR reader
# expects; the files are written at test time from this description.
MINI_TEXT = (
    "Mayor backs plan\n\nThe mayor said that the bridge will open in May. "
    "\u201cIt is safe,\u201d said Jane Roe.\nA poll shows voters like it.\n"
)


def _at(needle: str, nth: int = 0, after: str = "") -> str:
    """`start end` of the nth occurrence of `needle` (right after `after`) in MINI_TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = MINI_TEXT.index(after + needle, start + 1)
    start += len(after)
    return f"{start} {start + len(needle)}"


def _mini_annotation() -> str:
    quote = "\u201cIt is safe,\u201d"
    lines = [
        f"T1\tSource {_at('The mayor')}\tThe mayor",
        f"T2\tCue {_at('said')}\tsaid",
        f"T3\tContent {_at('that the bridge will open in May')}\tthat the bridge will open in May",
        f"T4\tAttribution {_at('said')}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tContent {_at(quote)}\t{quote}",
        f"T6\tCue {_at('said', 1)}\tsaid",
        f"T7\tSource {_at('Jane Roe')}\tJane Roe",
        "E2\tAttribution:T6 Content:T5 Cue:T6 Source:T7",
        "#1\tAnnotatorNotes T5\ta note",
        f"T8\tSource {_at('A poll')}\tA poll",
        f"T9\tCue {_at('shows')}\tshows",
        # a discontinuous content whose text runs over a line break (brat continues the line)
        f"T10\tContent {_at('it', after='like ')};{_at('voters like')}\tvoters like\nit",
        "E3\tAttribution:T9 Content:T10 Cue:T9 Source:T8",
        f"T11\tDiscard {_at('Mayor')}\tMayor",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus folder: one article, a first annotator's file and an empty second one."""
    root = tmp_path_factory.mktemp("polnear_mini")
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    name = "mini_2020-01-01_bridge"
    (root / "dev" / "text" / f"{name}.txt").write_text(MINI_TEXT, encoding="utf-8", newline="")
    ann = root / "dev" / "attributions"
    (ann / f"{name}_aaaa.ann").write_text(_mini_annotation(), encoding="utf-8", newline="")
    (ann / f"{name}_bbbb.ann").write_text("", encoding="utf-8")
    return root


def _article(mini: Path):  # type: ignore[no-untyped-def]
    arts = list(iter_articles(mini, "dev"))
    assert len(arts) == 1
    return arts[0]


def test_reader_first_annotator_spans_and_continuations(mini: Path) -> None:
    art = _article(mini)
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


def test_score_perfect_partial_and_wrong(mini: Path) -> None:
    art = _article(mini)
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


def test_matching_is_one_to_one(mini: Path) -> None:
    art = _article(mini)
    g1 = art.attributions[0]
    preds = [Pred(content=list(g1.content)), Pred(content=list(g1.content))]
    c = score_article(art.text, [g1], preds)
    assert c.matched == 1 and c.pred == 2


def test_command_on_fixture(tmp_path: Path, mini: Path) -> None:
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        command, ["--corpus", str(mini), "--split", "dev", "--json", str(out)]
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


def test_command_by_class_rows(tmp_path: Path, mini: Path) -> None:
    out = tmp_path / "r.json"
    args = ["--corpus", str(mini), "--split", "dev", "--json", str(out), "--no-baseline"]
    result = CliRunner().invoke(command, [*args, "--by-class"])
    assert result.exit_code == 0, result.output
    systems = json.loads(out.read_text())["systems"]
    every = systems["dossier"]["predicted"]
    one_by_one = ["dossier speech", "dossier thought", "dossier intention", "dossier evidence"]
    assert sum(systems[name]["predicted"] for name in one_by_one) == every
    assert systems["dossier speech+thought"]["predicted"] == (
        systems["dossier speech"]["predicted"] + systems["dossier thought"]["predicted"]
    )


def test_a_statement_reported_only_through_its_speaker_is_scored() -> None:
    import spacy

    from dossier.eval.statements import dossier_predictions
    from dossier.nlp.state import get_state
    from dossier.record import Span, Statement

    text = (
        "The paper reported that the mill would close. It added that 200 jobs would go. "
        "“We are sorry,” the statement said."
    )
    doc = spacy.blank("en")(text)

    def span(piece: str) -> Span:
        start = text.index(piece)
        return Span.of(text, start, start + len(piece))

    outer = Statement(
        id="S1", kind="indirect", cue=span("reported"), content=[span("that the mill would close")]
    )
    inside = Statement(
        id="S2",
        kind="indirect",
        cue=span("would close"),
        content=[span("the mill")],
        reported_by="S1",
    )
    by_speaker = Statement(
        id="S3", kind="direct", cue=span("said"), content=[span("We are sorry")], reported_by="S1"
    )
    get_state(doc).statements.extend([outer, inside, by_speaker])
    kept = [p.content for p in dossier_predictions(doc)]
    assert kept == [outer_span(text, "that the mill would close"), outer_span(text, "We are sorry")]
    assert len(dossier_predictions(doc, nested=True)) == 3


def outer_span(text: str, piece: str) -> list[tuple[int, int]]:
    start = text.index(piece)
    return [(start, start + len(piece))]
