"""The token table: a document's token attributes read once, as plain Python lists.

Every Dossier component walks the tokens again and again. spaCy builds a new Python object
for each `Token` visited, joins every token anew for each `Doc.text`, and each
`Doc.to_array` call is one more pass over the document. `token_table(doc)` reads all the
attributes the components use in one `to_array` call and decodes a column to strings only
when a component first asks for it; the table is kept on the document's state, so the
components share it.

The table holds no reference to the `Doc` (it lives in the document's own user data).
Dossier's components never change the tokens, the parse or the named entities, so the table
stays true for the whole pipeline.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from functools import cached_property
from typing import Any

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SHAPE,
    TAG,
)
from spacy.strings import StringStore
from spacy.tokens import Doc

from dossier.nlp.state import STATE_KEY, doc_text, get_state

# the columns of `TokenTable.array`, in this order
ATTRS = (
    IDX, LENGTH, HEAD, DEP, POS, TAG, LOWER, LEMMA, SENT_START, ENT_IOB, ENT_TYPE, SHAPE, ORTH,
    IS_PUNCT,
)  # fmt: skip
(
    C_IDX,
    C_LENGTH,
    C_HEAD,
    C_DEP,
    C_POS,
    C_TAG,
    C_LOWER,
    C_LEMMA,
    C_SENT_START,
    C_ENT_IOB,
    C_ENT_TYPE,
    C_SHAPE,
    C_ORTH,
    C_IS_PUNCT,
) = range(len(ATTRS))

# the tokens that mark an English possessive ("Iran's", "the rebels'")
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


class _Strings(dict[int, str]):
    """String-store hash -> string, filled on first use (the same in every document)."""

    def __init__(self, strings: StringStore) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        value = self[key] = self.strings[key]
        return value


class _Lowered(dict[int, str]):
    """String-store hash -> the string lower-cased (lemmas are compared in lower case)."""

    def __init__(self, strings: _Strings) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        value = self[key] = self.strings[key].lower()
        return value


_TABLES: list[tuple[_Strings, _Lowered]] = []  # for the last string store asked about
_MAX_STRINGS = 200_000  # a long-running process forgets them past this many


def _string_tables(strings: StringStore) -> tuple[_Strings, _Lowered]:
    if not _TABLES or _TABLES[0][0].strings is not strings or len(_TABLES[0][0]) > _MAX_STRINGS:
        table = _Strings(strings)
        _TABLES[:] = [(table, _Lowered(table))]
    return _TABLES[0]


class TokenTable:
    """One document's tokens as lists: character offsets, texts, the parse, tags, entities.

    Attributes are computed on first use. Strings come from spaCy's attributes of the same
    name (`dep` is `Token.dep_`, `lemma` is `Token.lemma_` lower-cased).
    """

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.n = n = len(doc)
        self.array: Any = (
            doc.to_array(list(ATTRS)) if n else numpy.zeros((0, len(ATTRS)), dtype=numpy.uint64)
        )
        self._strings, self._lowered = _string_tables(doc.vocab.strings)
        self._doc = weakref.ref(doc)  # the table is kept on the Doc: no reference cycle
        self._conj: dict[int, list[int]] = {}
        self._memo: dict[str, dict[Any, Any]] = {}

    @property
    def doc(self) -> Doc:
        """The Doc this table was made from."""
        doc = self._doc()
        assert doc is not None, "the Doc of a token table is gone"
        return doc

    def memo(self, name: str) -> dict[Any, Any]:
        """A cache for answers a component derives from this parse (a token's country, a
        clause's subjects): kept with the table, so it lives as long as the document."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = {}
        return found

    def column(self, c: int) -> list[int]:
        """Column `c` of the array (`C_IDX`, `C_POS` ...) as a list of ints."""
        values: list[int] = self.array[:, c].tolist()
        return values

    def _names(self, c: int) -> list[str]:
        return list(map(self._strings.__getitem__, self.array[:, c].tolist()))

    @cached_property
    def idx(self) -> list[int]:
        """The character offset of each token."""
        return self.column(C_IDX)

    def end(self, i: int) -> int:
        """The character offset after token `i`."""
        return self.idx[i] + len(self.words[i])

    def token_at(self, char: int) -> int:
        """The token that holds (or starts before) character `char` (0 before the first)."""
        return max(0, bisect_right(self.idx, char) - 1)

    def tokens_of(self, start: int, end: int) -> tuple[int, int] | None:
        """Tokens [a, b) whose characters are exactly [start, end) (`Doc.char_span`'s strict
        mode, without making a `Span`); None when an offset cuts a token or is a space, or the
        range is empty."""
        if not self.n or start >= end:
            return None
        first, last = self.token_at(start), self.token_at(end - 1)
        if self.idx[first] != start or self.end(last) != end:
            return None
        return first, last + 1

    @cached_property
    def punct(self) -> list[int]:
        """`Token.is_punct` of each token, as 1 or 0."""
        return self.column(C_IS_PUNCT)

    @cached_property
    def ent_iob(self) -> list[int]:
        """The entity IOB code of each token (1 inside, 2 outside, 3 begins, 0 unset)."""
        return self.column(C_ENT_IOB)

    @cached_property
    def words(self) -> list[str]:
        """The verbatim text of each token (`Token.text`)."""
        text = self.text
        return [text[a : a + k] for a, k in zip(self.idx, self.column(C_LENGTH), strict=True)]

    @cached_property
    def head(self) -> list[int]:
        """The index of each token's head (a root is its own head)."""
        offsets = self.array[:, C_HEAD].astype(numpy.int64)
        heads: list[int] = (offsets + numpy.arange(self.n, dtype=numpy.int64)).tolist()
        return heads

    @cached_property
    def kids(self) -> list[list[int]]:
        """The children of each token, in text order (as `Token.children`)."""
        kids: list[list[int]] = [[] for _ in range(self.n)]
        for j, h in enumerate(self.head):
            if h != j:
                kids[h].append(j)
        return kids

    def subtree(self, i: int) -> list[int]:
        """Token `i` and its descendants, in `Token.subtree` order (left children's subtrees,
        the token, right children's subtrees)."""
        out: list[int] = []
        try:
            _walk(self.kids, i, out)
        except RecursionError:  # a parse deeper than Python's recursion limit
            out = _walk_with_stack(self.kids, i)
        return out

    def conjuncts(self, i: int) -> list[int]:
        """Token `i` and the tokens coordinated with it that follow it (as `Token.conjuncts`
        restricted to the ones after `i`, with `i` first)."""
        hit = self._conj.get(i)
        if hit is None:
            dep, head, kids = self.dep, self.head, self.kids
            start = i
            while head[start] != start and dep[start] == "conj":
                start = head[start]
            queue = [start]
            output = [start]
            for word in queue:
                for c in kids[word]:
                    if c > word and dep[c] == "conj":
                        output.append(c)
                        queue.append(c)
            hit = self._conj[i] = [i, *(w for w in output if w > i)]
        return hit

    @cached_property
    def dep(self) -> list[str]:
        return self._names(C_DEP)

    @cached_property
    def pos(self) -> list[str]:
        return self._names(C_POS)

    @cached_property
    def tag(self) -> list[str]:
        return self._names(C_TAG)

    @cached_property
    def lower(self) -> list[str]:
        return self._names(C_LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """Each token's lemma, lower-cased."""
        return list(map(self._lowered.__getitem__, self.array[:, C_LEMMA].tolist()))

    @cached_property
    def ent_type(self) -> list[str]:
        """The named-entity label of each token ("" outside entities)."""
        return self._names(C_ENT_TYPE)

    @cached_property
    def ents(self) -> list[tuple[int, int, str]]:
        """The named entities as (start, end, label), tokens [start, end): `Doc.ents` without
        making a `Span` for each (an entity begins at a B token with a label and runs over
        the I tokens after it)."""
        if not self.n:
            return []
        iob, label = self.array[:, C_ENT_IOB], self.array[:, C_ENT_TYPE]
        starts = numpy.flatnonzero((iob == 3) & (label != 0))
        stops = numpy.append(numpy.flatnonzero(iob != 1), self.n)  # where no entity goes on
        ends = stops[numpy.searchsorted(stops, starts, side="right")]
        names = self._strings
        return [
            (start, end, names[kind])
            for start, end, kind in zip(
                starts.tolist(), ends.tolist(), label[starts].tolist(), strict=True
            )
        ]

    @cached_property
    def sent_starts(self) -> list[int]:
        """The first token of each sentence (0 first; only 0 when the doc has no sentences)."""
        starts = [0]
        column = self.array[:, C_SENT_START]
        if self.n > 1 and (column[1:] != 0).any():  # as `Doc.has_annotation("SENT_START")`
            starts += [i for i in numpy.flatnonzero(column == 1).tolist() if i]
        return starts

    def sentence_of(self, i: int) -> int:
        """The number of the sentence that holds token `i` (0 first)."""
        return bisect_right(self.sent_starts, i) - 1

    def sentence_range(self, k: int) -> tuple[int, int]:
        """Tokens [start, end) of sentence number `k`."""
        starts = self.sent_starts
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.n

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Tokens [start, end) of the sentence that holds token `i` (`sentence_range` of
        `sentence_of`, in one call: the statements steps ask it for every cue)."""
        starts = self.sent_starts
        k = bisect_right(starts, i)
        return starts[k - 1], starts[k] if k < len(starts) else self.n


def _walk(kids: list[list[int]], j: int, out: list[int]) -> None:
    """Append `j`'s subtree to `out` in `Token.subtree` order (a module function: a recursive
    closure would be a reference cycle left to the garbage collector)."""
    for c in kids[j]:
        if c < j:
            _walk(kids, c, out)
    out.append(j)
    for c in kids[j]:
        if c > j:
            _walk(kids, c, out)


def _walk_with_stack(kids: list[list[int]], i: int) -> list[int]:
    """`_walk` without recursion (slower; for parses of any depth)."""
    out: list[int] = []
    stack = [i]  # a token to expand, or ~token: its left part is done, emit it
    while stack:
        j = stack.pop()
        if j < 0:
            j = ~j
            out.append(j)
            stack.extend(c for c in reversed(kids[j]) if c > j)
            continue
        stack.append(~j)
        stack.extend(c for c in reversed(kids[j]) if c < j)
    return out


def token_table(doc: Doc) -> TokenTable:
    """The document's token table, built on first use and kept on its state."""
    user_data: dict[Any, Any] = doc.user_data
    state = user_data.get(STATE_KEY)  # `get_state`'s look-up, inlined: asked very often
    table = state._tokens if state is not None else None
    if table is None:
        state = get_state(doc)
        table = state._tokens = TokenTable(doc, doc_text(doc))
    return table
