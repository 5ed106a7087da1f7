"""What every step of the statements component reads about one document.

The parse comes from the shared token table (``dossier.nlp.tokens``): the steps work on token
indexes and its attribute lists. This module adds what only statements need: the quotations
and paragraphs of the text, the tokens that are cue words, and the span helpers built on them
(the content of a subtree, a span classified by the quotes it holds).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy
from spacy.tokens import Doc

from dossier.nlp.quotes import ALL_MARKS, find_quotes, paragraphs
from dossier.nlp.state import Analysis, doc_text, get_state
from dossier.nlp.statements.lexicon import CueLexicon, cue_hashes, cue_lexicon
from dossier.nlp.tokens import C_LEMMA, C_LOWER, token_table

PUNCT_TRIM = " \t\n,;:—–-" + ALL_MARKS


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without spaces, commas, dashes and quote marks at either edge."""
    while start < end and text[start] in PUNCT_TRIM:
        start += 1
    while end > start and text[end - 1] in PUNCT_TRIM:
        end -= 1
    return start, end


# the low-bit filters of the cue-hash maps (one per lexicon map, built on first use; the map
# is kept with its filter so that an id is never reused for another map)
_FILTERS: dict[int, tuple[dict[int, str], Any]] = {}
_FILTER_BITS = 16


def _cue_tokens(column: Any, words: dict[int, str]) -> list[tuple[int, str]]:
    """(index, cue word) of the tokens whose hash in `column` (a column of the token table's
    array) is a key of `words`, in token order. A table of 2**16 flags, one per value of a
    hash's low 16 bits, says which hashes may be keys: numpy reads it for every token at
    once, Python looks up only the few tokens it lets through (the cue words and about 2% of
    the others)."""
    cached = _FILTERS.get(id(words))
    if cached is None or cached[0] is not words:
        flags = numpy.zeros(1 << _FILTER_BITS, dtype=bool)
        low = numpy.array(list(words), dtype=numpy.uint64) & numpy.uint64((1 << _FILTER_BITS) - 1)
        flags[low.astype(numpy.intp)] = True
        cached = _FILTERS[id(words)] = (words, flags)
    if not len(column):
        return []
    low = (column & numpy.uint64((1 << _FILTER_BITS) - 1)).astype(numpy.intp)
    maybe = numpy.flatnonzero(cached[1][low])
    return [
        (i, words[h])
        for i, h in zip(maybe.tolist(), column[maybe].tolist(), strict=True)
        if h in words
    ]


class Context:
    """One document as the statements steps see it: the text, the token table, the analysis
    state, the cue lexicon, the quotations and paragraphs, and the cue-word candidates.

    The `Doc` is kept for the few token attributes the table lacks (edges, morphology, stop
    words); every other attribute is read from ``self.table``.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex: CueLexicon = cue_lexicon()
        self.text = text = doc_text(doc)
        self.state: Analysis = get_state(doc)
        self.table = table = token_table(doc)
        # tokens whose lemma (or lower-case form) is a cue word: (index, cue word)
        hashes, lowers = cue_hashes(self.lex)
        self.lemma_cands = _cue_tokens(table.array[:, C_LEMMA], hashes)
        self.lower_cands = _cue_tokens(table.array[:, C_LOWER], lowers)
        self.paras = paragraphs(text)
        self.quotes = find_quotes(text, self.paras)
        self.para_starts = [s for s, _ in self.paras]
        # quote marks (character index -> quote index), for adjacency tests
        self.quote_by_close: dict[int, int] = {}
        self.quote_by_open: dict[int, int] = {}
        for k, q in enumerate(self.quotes):
            if q.close is not None:
                self.quote_by_close[q.close] = k
            self.quote_by_open[q.open] = k
        self.open_chars = sorted(self.quote_by_open)
        # the opening marks in quote order (`find_quotes` reads the text in order, so they
        # rise; checked, and the windows below fall back to a scan if they ever do not)
        self._opens = [q.open for q in self.quotes]
        self._opens_rise = all(a <= b for a, b in pairwise(self._opens))
        self.close_chars = sorted(self.quote_by_close)
        # participle cue -> the cue whose content it was cut from ("argued that A, saying B"):
        # the participle speaks with that cue's speaker
        self.speaks_with: dict[int, int] = {}

    # --- tokens the table does not hold -------------------------------------------------
    def left_edge(self, i: int) -> int:
        """`Token.left_edge` of token `i` (spaCy's, also for non-projective parses)."""
        edge: int = self.doc[i].left_edge.i
        return edge

    def right_edge(self, i: int) -> int:
        """`Token.right_edge` of token `i`."""
        edge: int = self.doc[i].right_edge.i
        return edge

    # --- paragraphs and quotes ----------------------------------------------------------
    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def para_range(self, char: int) -> tuple[int, int]:
        """Characters [lo, hi) whose `para_of` is the paragraph of `char`."""
        k = self.para_of(char)
        lo = self.para_starts[k] if self.para_starts else 0
        if k == 0:
            lo = -1
        hi = self.para_starts[k + 1] if k + 1 < len(self.para_starts) else len(self.text) + 1
        return lo, hi

    def quote_containing(self, char: int) -> int | None:
        """The first quote whose marks hold character `char` (the scan stops at the first
        quote that opens after it when the opening marks rise)."""
        rise = self._opens_rise
        for k, q in enumerate(self.quotes):
            if q.open <= char < q.outer_end:
                return k
            if rise and q.open > char:
                break
        return None

    def opening_in(self, start: int, end: int) -> Sequence[int]:
        """The indexes of the quotes whose opening mark is at `start` <= open < `end`, in
        order: two bisections, not a scan over all the quotes (asked for every cue)."""
        if self._opens_rise:
            return range(
                bisect.bisect_left(self._opens, start), bisect.bisect_left(self._opens, end)
            )
        return [k for k, q in enumerate(self.quotes) if start <= q.open < end]

    def inside(self, start: int, end: int) -> list[int]:
        """The quotes that lie within characters [start - 1, end + 1], marks included (a
        quote's marks may stand just outside a trimmed span)."""
        quotes = self.quotes
        # a quote ends after it opens: one within the span opens at start - 1 ... end
        return [k for k in self.opening_in(start - 1, end + 1) if quotes[k].outer_end <= end + 1]

    def quote_between(self, start: int, end: int) -> bool:
        """Whether a quote opens between characters `start` and `end`."""
        quotes = self.quotes
        return any(not quotes[k].single for k in self.opening_in(start, end))

    def quote_chain(self, k: int) -> list[int]:
        """The quotes of the split quotation that quote `k` belongs to, in order."""
        quotes = self.quotes
        head = k
        while quotes[head].cont_of is not None:
            prev = quotes[head].cont_of
            assert prev is not None
            head = prev
        return quotes[head].chain or [head]

    def quote_spans(self, chain: list[int]) -> list[tuple[int, int]]:
        """The inner characters of quotes `chain`."""
        return [(self.quotes[j].start, self.quotes[j].end) for j in chain]

    # --- spans ----------------------------------------------------------------------------
    def sub(self, i: int, exclude: int | None = None) -> list[int]:
        """Tokens of `i`'s subtree (minus the subtree of `exclude`, a token inside it), within
        its sentence, in no particular order (the callers take their span, count them or test
        membership)."""
        if i == exclude:
            return []
        start, end = self.table.sent_bounds(i)
        children = self.table.kids
        found = [i]
        for j in found:  # the list grows while it is read: a breadth-first walk
            found += children[j] if exclude is None else [k for k in children[j] if k != exclude]
        return [j for j in found if start <= j < end]

    def span_of_tokens(self, toks: Sequence[int]) -> tuple[int, int] | None:
        """The characters from the first to the last of tokens `toks`, trimmed."""
        if not toks:
            return None
        table = self.table
        start, end = trim_span(self.text, table.idx[min(toks)], table.end(max(toks)))
        return (start, end) if end > start else None

    def extend_to_quotes(self, span: tuple[int, int]) -> tuple[int, int]:
        """A quote that opens inside the content and closes after it belongs to the content."""
        start, end = span
        rise = self._opens_rise
        for q in self.quotes:
            if rise and q.open >= end:
                break  # neither test below holds for this quote or any later one
            if start <= q.open < end and q.outer_end > end:
                if q.para == self.para_of(start):
                    end = q.end
            elif q.open < start < q.end <= end and q.para == self.para_of(start):
                start = q.start
        return start, end

    def classify(self, span: tuple[int, int]) -> tuple[str, list[tuple[int, int]], list[int]]:
        """The kind of a content span (direct, mixed, indirect), its pieces and its quotes."""
        inside = self.inside(*span)
        if not inside:
            return "indirect", [span], []
        if len(inside) == 1:
            q = self.quotes[inside[0]]
            if q.start <= span[0] + 1 and q.end >= span[1] - 1:
                return "direct", [(q.start, q.end)], inside
        return "mixed", [span], inside
