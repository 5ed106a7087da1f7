"""Statements inside statements.

`split_coordinated` cuts an outer content before a speech cue coordinated inside it (one role
per token); `nest` sets ``reported_by``: a statement whose cue lies inside another's content
is reported by it, and ``according to the report`` / ``the paper said`` point at the last
report statement before them.
"""

from __future__ import annotations

import bisect
from itertools import accumulate, pairwise

from dossier.knowledge.roles import pronouns
from dossier.nlp.quotes import ALL_MARKS
from dossier.nlp.statements.boundaries import wh_relative_object
from dossier.nlp.statements.candidates import Draft
from dossier.nlp.statements.context import Context, trim_span
from dossier.nlp.statements.lexicon import cue_class
from dossier.nlp.statements.speakers import compatible


def split_coordinated(ctx: Context, drafts: list[Draft]) -> None:
    """``said A and called B``, ``insisted that A, claiming B``: a speech cue coordinated or
    subordinated inside another statement's parsed content starts a statement of its own
    (one role per token, as in univocal annotation); the outer content stops before it. So
    does a non-restrictive relative clause with a speech cue that ends the outer content
    (``said the tax was raised, which she called “fair”``; `wh_relative_object`)."""
    tb = ctx.table
    by_cue = {x.cue_tok: x for x in drafts if x.cue_tok is not None}
    # the cues in text order, to find those inside a content by bisection
    cues = sorted((tb.idx[tok_i], tok_i) for tok_i in by_cue)
    cue_chars = [c for c, _ in cues]
    for outer in drafts:
        if len(outer.content) != 1 or outer.kind == "direct" or outer.cue_tok is None:
            continue
        s, e = outer.content[0]
        cut: int | None = None
        why = ""
        lo = bisect.bisect_left(cue_chars, s)
        for cue_char, cue in cues[lo : bisect.bisect_left(cue_chars, e)]:
            inner = by_cue[cue]
            if inner is outer:
                continue
            relative = wh_relative_object(ctx, cue)
            if (tb.dep[cue] != "conj" and relative is None) or tb.pos[cue] != "VERB":
                continue
            opens = cue_char if relative is None else tb.idx[relative]
            if cue_class(ctx.lex, inner.cue_lemma) != "speech" or inner.start < opens:
                continue
            if ctx.quote_containing(cue_char) is not None:
                continue
            first = ctx.left_edge(cue)
            while (
                first > 0
                and (tb.dep[first - 1] == "cc" or tb.punct[first - 1])
                and tb.words[first - 1] not in ALL_MARKS
            ):
                first -= 1
            if tb.end(ctx.right_edge(cue)) < e - 2 or tb.idx[first] <= s:
                continue
            if cut is None or tb.idx[first] < cut:
                cut = tb.idx[first]
                why = "a coordinated cue" if relative is None else "a relative clause with a cue"
        if cut is None:
            continue
        ns, ne = trim_span(ctx.text, s, cut)
        if len(ctx.text[ns:ne].split()) < 3:
            continue
        outer.content = [(ns, ne)]
        outer.quotes = [k for k in outer.quotes if ns <= ctx.quotes[k].start < ne]
        if not outer.quotes and outer.kind == "mixed":
            outer.kind = "indirect"
        outer.rule += f"; stops before {why}"


def nest(ctx: Context, drafts: list[Draft]) -> None:
    """Set each draft's ``reported_by`` (an index into `drafts`, which are in text order)."""
    tb = ctx.table
    pieces = [(s, e, j) for j, outer in enumerate(drafts) for s, e in outer.content]
    # an outer piece starts at or before the inner draft: only the drafts that start there
    # can hold one (the drafts are in text order), the pieces of the others are never read
    starts = [x.start for x in drafts]
    in_order = all(a <= b for a, b in pairwise(starts))
    upto = list(accumulate(len(x.content) for x in drafts))
    for i, inner in enumerate(drafts):
        best: int | None = None
        best_len = 10**9
        start, end = inner.start, inner.end
        point = inner.cue[0] if inner.cue else start
        high = min(point, start)
        last = bisect.bisect_right(starts, high) if in_order else len(drafts)
        for s, e, j in pieces[: upto[last - 1] if last else 0]:
            if (
                s <= high
                and point < e
                and end <= e + 1
                and i != j
                and (end - start < e - s < best_len)
            ):
                best, best_len = j, e - s
        inner.reported_by = best
    # "according to the report", "the paper said": the last report statement
    for i, draft in enumerate(drafts):
        if draft.reported_by is not None or draft.speaker_head is None:
            continue
        head = draft.speaker_head
        if tb.lemma[head] not in ctx.lex.report_nouns:
            continue
        if not any(
            tb.dep[c] == "det" and tb.lower[c] in ctx.lex.words.definite for c in tb.kids[head]
        ):
            continue
        for j in range(len(drafts) - 1, -1, -1):
            other = drafts[j]
            if j == i or other.anchor() >= draft.anchor():
                continue
            if other.cue_lemma in ctx.lex.publishing or (
                other.speaker_head is not None and tb.ent_type[other.speaker_head] == "ORG"
            ):
                draft.reported_by = j
                if other.entity is not None and draft.entity is not None:
                    ent = ctx.state.entities.get(draft.entity)
                    if ent is not None and len(ent.mentions) == 1 and ent.type == "ORG":
                        keep = ctx.state.entities.get(other.entity)
                        if keep is not None:
                            ctx.state.merge(keep, ent)
                            draft.entity = keep.id
                draft.rule += "; the report is the one stated before"
                break


def drop_quoted_asides(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Drafts without an aside inside someone's quotation: ``“I think the plan will fail,”``,
    ``“We want a fair count”``. The cue and its first-person speaker are the quoted speaker's
    own words, part of the quotation's content, not a second statement carved out of it (a
    second statement inside a quotation needs a speaker of its own: ``“The mayor said no”``).
    Likewise a cue inside another statement's content with no speaker or the same speaker
    (`_own_words`)."""
    tb = ctx.table
    first_person = ctx.lex.words.first_person
    kept: list[Draft] = []
    by_start = _ByStart(drafts)
    for draft in drafts:
        if draft.kind == "indirect" and draft.cue is not None and draft.speaker_head is not None:
            k = ctx.quote_containing(draft.cue[0])
            if (
                k is not None
                and tb.lower[draft.speaker_head] in first_person
                and ctx.quotes[k].start <= draft.start
                and draft.end <= ctx.quotes[k].end + 1
            ):
                continue
        if draft.cue is not None and _own_words(ctx, draft, by_start):
            continue
        kept.append(draft)
    return kept


class _ByStart:
    """Drafts sorted by where their content starts, to list those that start at or before a
    character (the only ones whose content can hold something there)."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.drafts = sorted(drafts, key=_start)
        self.starts = [x.start for x in self.drafts]

    def upto(self, char: int) -> list[Draft]:
        return self.drafts[: bisect.bisect_right(self.starts, char)]


def _start(draft: Draft) -> int:
    return draft.start


def _own_words(ctx: Context, inner: Draft, by_start: _ByStart) -> bool:
    """`inner` lies inside another statement's content (its cue and its content) and brings
    no speaker of its own: none at all (``said the plan appears to be failing``), the outer
    statement's own speaker (``she said she was confident that ...``), or a personal pronoun
    that opens the outer content, can stand for the outer speaker and holds an attitude cue
    (``the candidate said he believes ...``, ``said that they want ...``: the speaker reports
    their own attitude). It is part of what the outer
    speaker says, not a second statement (issue 11: a statement is split only when a second
    cue *and* a second speaker introduce one)."""
    assert inner.cue is not None
    cue = inner.cue[0]
    own = inner.speaker_head is None and inner.entity is None
    pronoun = _attitude_pronoun(ctx, inner)
    if not own and inner.entity is None and pronoun is None:
        return False  # no outer statement can make it the same speaker's words
    start, end = inner.start, inner.end
    # a piece that holds the cue and the content starts before both: only the drafts that
    # start there can (the answer is whether any does: the order they are read in is free)
    for outer in by_start.upto(min(cue, start)):
        if outer is inner or outer.cue is None:
            continue
        same = own or (inner.entity is not None and inner.entity == outer.entity)
        if not (same or pronoun) or not _within(outer.content, cue, start, end):
            continue
        if same or (pronoun and _opens_content_of(ctx, inner, outer, pronoun)):
            return True
    return False


def _within(content: list[tuple[int, int]], cue: int, start: int, end: int) -> bool:
    """Whether a piece of `content` holds character `cue` and the characters [start, end)
    (up to one more at the end); a plain loop, asked for every pair of drafts."""
    for s, e in content:  # noqa: SIM110 (any() over a generator costs twice as much here)
        if s <= cue < e and s <= start and end <= e + 1:
            return True
    return False


def _attitude_pronoun(ctx: Context, inner: Draft) -> str | None:
    """The inner speaker when it is a third-person personal pronoun subject (``pronouns.yaml``)
    and the inner cue is an attitude, not speech (``said he believes``, ``said they want``;
    but "she said he told her ...": a relayed report may be someone else's)."""
    head = inner.speaker_head
    if head is None or cue_class(ctx.lex, inner.cue_lemma) == "speech":
        return None
    tb = ctx.table
    lower = tb.lower[head]
    if pronouns().get(lower) is None or lower in ctx.lex.words.first_person:
        return None
    return lower if tb.dep[head] == "nsubj" else None


def _opens_content_of(ctx: Context, inner: Draft, outer: Draft, pronoun: str) -> bool:
    """Whether the inner speaker, `pronoun`, stands at the start of the outer content (after
    ``that`` at most) and agrees with the outer speaker."""
    if outer.entity is None or len(outer.content) != 1 or inner.speaker_head is None:
        return False
    tb = ctx.table
    start = outer.content[0][0]
    before = [t for t in range(tb.token_at(start), inner.speaker_head) if not tb.punct[t]]
    if any(tb.lower[t] not in ctx.lex.words.complementizers for t in before):
        return False
    ent = ctx.state.entities.get(outer.entity)
    return ent is not None and compatible(ent, pronoun)
