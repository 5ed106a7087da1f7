"""The windows of the statements steps (quotes found by bisection over their opening marks,
drafts by where they start, cue words by a low-bit filter) give what the full scans give
(own sentences)."""

from __future__ import annotations

from spacy.language import Language

from dossier.nlp.quotes import find_quotes, paragraphs
from dossier.nlp.statements.context import Context

TEXT = (
    "“We will not sign,” the envoy said on Monday.\n"
    "The minister called the plan “a trap” and “a waste of time,” and left.\n"
    "‘Nothing has moved,’ one aide wrote, “and nothing will.”\n"
    "“The talks go on\n"
    "“until the spring,” he added."
)


def _scan_inside(ctx: Context, start: int, end: int) -> list[int]:
    return [k for k, q in enumerate(ctx.quotes) if start - 1 <= q.open and q.outer_end <= end + 1]


def test_the_windows_equal_a_scan_over_all_the_quotes(nlp: Language) -> None:
    ctx = Context(nlp(TEXT))
    assert len(ctx.quotes) >= 5
    for start in range(0, len(TEXT), 3):
        for end in range(start, len(TEXT) + 2, 7):
            assert ctx.inside(start, end) == _scan_inside(ctx, start, end)
            opening = [k for k, q in enumerate(ctx.quotes) if start <= q.open < end]
            assert list(ctx.opening_in(start, end)) == opening
            assert ctx.quote_between(start, end) == any(not ctx.quotes[k].single for k in opening)


def test_the_windows_fall_back_to_a_scan_when_the_marks_do_not_rise(nlp: Language) -> None:
    ctx = Context(nlp(TEXT))
    ctx.quotes.reverse()
    ctx._opens.reverse()
    ctx._opens_rise = False
    assert ctx.inside(0, len(TEXT)) == _scan_inside(ctx, 0, len(TEXT))
    assert ctx.inside(0, len(TEXT)) == list(range(len(ctx.quotes)))


def test_quotes_from_known_paragraphs_are_the_same_quotes() -> None:
    text = "He said ''we are done'' and left.\n\n``Not yet,'' she replied.\n“More” later."
    assert find_quotes(text, paragraphs(text)) == find_quotes(text)
    for quote in find_quotes(text):
        assert quote.outer_end == (quote.close + 1 if quote.close is not None else quote.end)


def test_the_early_stops_change_no_answer(nlp: Language) -> None:
    ctx = Context(nlp(TEXT))
    spans = [(a, b) for a in range(0, len(TEXT), 4) for b in range(a + 1, len(TEXT) + 1, 9)]
    fast = [ctx.extend_to_quotes(span) for span in spans]
    containing = [ctx.quote_containing(char) for char in range(len(TEXT))]
    ctx._opens_rise = False  # the full scans
    assert fast == [ctx.extend_to_quotes(span) for span in spans]
    assert containing == [ctx.quote_containing(char) for char in range(len(TEXT))]
    assert any(a != b for a, b in zip(fast, spans, strict=True))


def test_the_cue_scan_finds_exactly_the_keys_in_token_order() -> None:
    import numpy

    from dossier.nlp.statements.context import _cue_tokens

    # 7 and 7 + 2**16 share their low 16 bits: the filter lets both through, the look-up
    # keeps only the key
    words = {7: "say", 2**40 + 3: "deny", 2**63 + 11: "warn"}
    column = numpy.array([5, 7, 7 + 2**16, 2**40 + 3, 2**63 + 11, 11, 7], dtype=numpy.uint64)
    assert _cue_tokens(column, words) == [(1, "say"), (3, "deny"), (4, "warn"), (6, "say")]
    assert _cue_tokens(column[:0], words) == []
    assert _cue_tokens(column, {}) == []


def test_the_drafts_up_to_a_character_are_those_that_start_there() -> None:
    from dossier.nlp.statements.candidates import Draft
    from dossier.nlp.statements.nesting import _ByStart

    drafts = [
        Draft(content=[(40, 60)], kind="indirect", rule="", confidence=0.7),
        Draft(content=[(5, 9), (70, 80)], kind="mixed", rule="", confidence=0.7),
        Draft(content=[(20, 30)], kind="direct", rule="", confidence=0.9),
        Draft(content=[(20, 25)], kind="direct", rule="", confidence=0.9),
    ]
    by_start = _ByStart(drafts)
    for char in range(0, 90, 5):
        assert sorted(map(id, by_start.upto(char))) == sorted(
            id(x) for x in drafts if x.start <= char
        )
    assert by_start.upto(4) == []
    assert by_start.upto(20)[0] is drafts[1]
