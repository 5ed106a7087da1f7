"""Quotation spans: where quote marks open and close, paragraph by paragraph.

Works on characters only (no parse), in one pass over the text:

* double marks “ ” „ « » and straight ``"`` (a straight mark opens after a space, a
  paragraph start or an opening bracket/dash, and closes otherwise while a quote is open);
* single marks ‘ ’ and straight ``'`` outside double quotes, only when they pair up inside the
  paragraph (so apostrophes never open a quote);
* a quote never runs past the end of its paragraph: an opening mark with no closing mark ends
  there, and when the next paragraph opens with a quote mark the quote *continues* (the news
  convention for quotes over several paragraphs); a paragraph that closes a quote it never
  opened, after an unclosed one, is a continuation too;
* two apostrophes ``''`` (and a double backtick ````` ``) stand for a double mark, as in some
  newswire feeds (``''A,'' he said``);
* stray closing marks are ignored, a second opening mark while a quote is open ends the first
  quote (marked unbalanced): unbalanced marks never crash and never swallow the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + "'"
_OPENING_CONTEXT = "([{—–-/\u00a0"
_PARAGRAPH = re.compile(r"[^\n]+")
_TWO_CHAR_MARKS = re.compile(r"''|``")
_DOUBLE_MARKS = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT) + "]")
_SINGLE_MARKS = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + "'") + "]")


@dataclass
class Quote:
    """A quoted stretch: content characters [start, end), marks excluded."""

    start: int
    end: int
    open: int  # index of the opening mark (or paragraph start for a continuation)
    close: int | None  # index of the closing mark; None when the paragraph ended first
    para: int  # paragraph number
    balanced: bool = True
    continues: bool = False  # goes on in the next paragraph's quote
    cont_of: int | None = None  # index (in the list) of the quote this one continues
    next: int | None = None  # index of the continuation
    single: bool = False
    chain: list[int] = field(default_factory=list)  # filled for chain heads: all pieces
    # after the closing mark, or the content's end when unclosed (a plain attribute, set once:
    # the statements steps read it for every quote again and again, and `close` and `end`
    # never change once the quote is made)
    outer_end: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.outer_end = (self.close + 1) if self.close is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines (paragraph = line) of `text`."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1  # the comma of "“A,” he said" stands for the quote's end, not its content
    return start, end


def _make(text: str, open_: int, close: int | None, end: int, para: int, **kw: bool) -> Quote:
    start, stop = _trim(text, open_ + 1, close if close is not None else end)
    return Quote(start, stop, open_, close, para, **kw)  # type: ignore[arg-type]


def _singles(text: str, ps: int, pe: int, para: int) -> list[Quote]:
    """Single-quoted stretches of a paragraph segment (marks that pair up only)."""
    found: list[Quote] = []
    if text.find("'", ps, pe) < 0 and text.find(SINGLE_OPEN, ps, pe) < 0:
        return found  # no mark that can open a quote
    open_at: int | None = None
    for m in _SINGLE_MARKS.finditer(text, ps, pe):
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if c in (SINGLE_OPEN, "'") and open_at is None:
            if (prev.isspace() or prev in _OPENING_CONTEXT) and (nxt.isalnum()):
                open_at = i
        elif (
            c in (SINGLE_CLOSE, "'")
            and open_at is not None
            and not prev.isspace()
            and not nxt.isalnum()
        ):
            q = _make(text, open_at, i, i, para, single=True)
            if q.end > q.start:
                found.append(q)
            open_at = None
    return found


def _one_char_marks(text: str) -> str:
    """`text` with each two-character mark (``''``, `````) as a double mark and a space (same
    length, so offsets are unchanged)."""
    if "''" not in text and "``" not in text:
        return text
    return _TWO_CHAR_MARKS.sub(lambda m: '" ' if m.group() == "''" else "“ ", text)


def find_quotes(text: str, paras: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All quotes of `text` in order; continuation pieces linked through `next`/`cont_of`.
    `paras`: `paragraphs(text)` when the caller has them already (the two-character marks
    read as one below change no line and leave no line blank: the same paragraphs)."""
    text = _one_char_marks(text)
    quotes: list[Quote] = []
    pending: Quote | None = None  # unclosed quote of the previous paragraph
    for para, (ps, pe) in enumerate(paragraphs(text) if paras is None else paras):
        open_at: int | None = None
        open_mark = ""
        seen_mark = False
        seg_start = ps  # where double-quote-free text starts (for single quotes)
        for m in _DOUBLE_MARKS.finditer(text, ps, pe):
            i = m.start()
            c = text[i]
            prev = text[i - 1] if i > ps else " "
            if (
                c == "“"
                and not (open_at is not None and open_mark == "„")
                and _closes_like(text, i, ps, pe)
            ):
                c = "”"  # “rapists“ -> a typo'd closing mark
            if open_at is None:
                if c in DOUBLE_CLOSE or (
                    c == STRAIGHT and not (prev.isspace() or prev in _OPENING_CONTEXT or i == ps)
                ):
                    # a closing mark with nothing open: continuation of an unclosed quote
                    if not seen_mark and pending is not None:
                        q = _make(text, ps - 1, i, i, para, balanced=True)
                        q.open = ps
                        quotes.append(q)
                        _link(quotes, pending, len(quotes) - 1)
                        pending = None
                        seg_start = i + 1
                    seen_mark = True
                    continue
                quotes.extend(_singles(text, seg_start, i, para))
                open_at, open_mark = i, c
                seen_mark = True
                continue
            # a quote is open
            closes = c in DOUBLE_CLOSE or c == STRAIGHT or (open_mark == "„" and c == "“")
            if closes:
                q = _make(text, open_at, i, i, para)
                if pending is not None and open_at == _first_mark(text, ps, pe):
                    quotes.append(q)
                    _link(quotes, pending, len(quotes) - 1)
                    pending = None
                else:
                    pending = None
                    quotes.append(q)
                open_at = None
                seg_start = i + 1
            else:  # another opening mark: the open quote was never closed
                q = _make(text, open_at, None, i, para, balanced=False)
                if q.end > q.start:
                    quotes.append(q)
                open_at, open_mark = i, c
        if open_at is None:
            quotes.extend(_singles(text, seg_start, pe, para))
            pending = None
            continue
        # the paragraph ended with the quote still open
        q = _make(text, open_at, None, pe, para, balanced=False)
        if q.end <= q.start:
            continue
        quotes.append(q)
        if pending is not None and open_at == _first_mark(text, ps, pe):
            _link(quotes, pending, len(quotes) - 1)
        pending = q
    # chains: the first piece lists every piece
    for idx, q in enumerate(quotes):
        if q.cont_of is None:
            chain = [idx]
            while quotes[chain[-1]].next is not None:
                nxt = quotes[chain[-1]].next
                assert nxt is not None
                chain.append(nxt)
            q.chain = chain
    return quotes


def _closes_like(text: str, i: int, ps: int, pe: int) -> bool:
    """The opening mark at `i` stands where a closing one belongs: right after a word or a
    full stop and before a space, punctuation or the paragraph end (``the “rapists“ said``)."""
    if i == ps:
        return False
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < pe else " "
    return (prev.isalnum() or prev in ".,!?") and (nxt.isspace() or nxt in ",.;:!?)")


def _first_mark(text: str, ps: int, pe: int) -> int:
    i = ps
    while i < pe and text[i].isspace():
        i += 1
    return i


def _link(quotes: list[Quote], prev: Quote, new_idx: int) -> None:
    prev_idx = next(k for k, q in enumerate(quotes) if q is prev)
    prev.continues = True
    prev.next = new_idx
    quotes[new_idx].cont_of = prev_idx
