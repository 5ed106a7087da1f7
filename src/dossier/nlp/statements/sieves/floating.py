"""Floating quotes: a quoted sentence with no cue continues the last speaker."""

from __future__ import annotations

import bisect

from dossier.nlp.statements.boundaries import has_verb
from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context, trim_span

_CLOSERS = "”\"'’ \n"
_SENTENCE_END = (".", "!", "?", "…")


def _quoting_statement(
    ctx: Context, drafts: list[Draft], pos: int, char: int, para: int
) -> Draft | None:
    """The last statement before `char` in paragraph `para` whose content holds a quotation,
    with no other quotation opening between it and `char`: ``“A,” said X, who plans to run.
    “B.”`` continues X's quotation, not the plan of the relative clause."""
    for j in range(pos, -1, -1):
        draft = drafts[j]
        if draft.cue is None or ctx.para_of(draft.cue[0]) != para:
            return None
        if draft.quotes and draft.cue[0] < char and ctx.para_of(draft.end) == para:
            return None if ctx.quote_between(draft.end, char) else draft
    return None


def _later_sentence(ctx: Context, prev: Draft, quoting: Draft) -> bool:
    """`prev` (the statement right before a floating quotation) has its cue in a sentence
    after the cue of `quoting` (the last statement holding a quotation): ``“A,” X said. He
    added that B. “C.”`` continues the statement of `added`, the cue nearest before the
    quotation; a cue in the quoting statement's own sentence (``“A,” said X, who plans to
    run. “B.”``) does not take the quotation over."""
    if prev is quoting or prev.cue_tok is None or quoting.cue_tok is None:
        return False
    tb = ctx.table
    return tb.sent_bounds(prev.cue_tok)[0] > tb.sent_bounds(quoting.cue_tok)[0]


def _title(ctx: Context, k: int) -> bool:
    """Every word of quotation `k` starts with a capital: a title or a name (``“Harbour
    Lights”``), not someone's words."""
    q = ctx.quotes[k]
    words = [w for w in ctx.text[q.start : q.end].split() if w[:1].isalpha()]
    return all(w[0].isupper() for w in words)


def _mixed_sentence(ctx: Context, found: Candidates, drafts: list[Draft], k: int) -> None:
    """A sentence that holds quotation `k` after words of its own and has no cue or statement
    of its own, right after the cue sentence of a direct statement in the same paragraph,
    continues that statement (``“A,” X said. The plan is “a danger to the port.”``): the
    PolNeAR guidelines join such a sentence to the quotation before it. Not when a quotation
    in it is a title (every word capitalised). PolNeAR train (840 articles): 8 statements
    match that did not, none lost; quoted recall +0.0008, precision +0.0004 (sixth round)."""
    q = ctx.quotes[k]
    tb = ctx.table
    first, last = tb.sent_bounds(tb.token_at(q.open))
    start, end = ctx.extend_to_quotes(trim_span(ctx.text, tb.idx[first], tb.end(last - 1)))
    if ctx.para_of(start) != q.para or start >= q.open:
        return
    prev = None
    for draft in drafts:
        if draft.anchor() >= start:
            if draft.anchor() < end or any(a < end and b > start for a, b in draft.content):
                return  # the sentence has a statement of its own
            continue
        if any(a < end and b > start for a, b in draft.content):
            return
        prev = draft
    if prev is None or prev.kind != "direct" or prev.cue_tok is None or prev.end > start:
        return
    if tb.sent_bounds(prev.cue_tok)[1] != first or ctx.para_of(prev.anchor()) != q.para:
        return
    inside = [j for j, o in enumerate(ctx.quotes) if start <= o.start < end]
    if any(j in found.used_quotes or _title(ctx, j) for j in inside):
        return
    found.used_quotes.update(inside)
    prev.content.append((start, end))
    prev.quotes.extend(inside)
    prev.kind = "mixed"
    prev.rule += "; a sentence with a quotation and no cue continues it"


class FloatingQuotes:
    """Runs after the speakers are resolved: it needs the last speaker."""

    name = "floating"

    def run(self, ctx: Context, found: Candidates) -> None:
        """Quoted sentences with no cue continue the last speaker."""
        text = ctx.text
        drafts = sorted(found.drafts, key=lambda x: x.anchor())
        anchors = [x.anchor() for x in drafts]
        for k, q in enumerate(ctx.quotes):
            if k in found.used_quotes or q.cont_of is not None or q.single:
                continue
            body = text[q.start : q.end]
            # sentence-like: starts a paragraph/sentence, capitalised
            before = text[max(0, q.open - 3) : q.open].strip()
            pstart = ctx.paras[q.para][0]
            starts_sentence = q.open == pstart or before.endswith((".", "!", "?", ":", "”", '"'))
            if not starts_sentence:
                _mixed_sentence(ctx, found, drafts, k)
                continue
            if not (body[:1].isupper() or body[:1] in "…."):
                continue
            pos = bisect.bisect_left(anchors, q.open) - 1
            if pos < 0:
                continue
            prev = drafts[pos]
            chain = ctx.quote_chain(k)
            joined = _quoting_statement(ctx, drafts, pos, q.open, q.para)
            gap = text[prev.end : q.open]
            if (joined is None or _later_sentence(ctx, prev, joined)) and (
                ctx.para_of(prev.end) == q.para
                and (len(gap) < 40 or not ctx.quote_between(prev.end, q.open))
                and prev.cue is not None
                and prev.cue[0] < q.open
            ):
                joined = prev
            if joined is not None:
                prev = joined
                # “A,” she said. “B.” / she said that A. “B.”: the quotation continues the
                # statement of the cue before it in its paragraph (one attribution, as the
                # PolNeAR guidelines annotate continuations), however short and whether or not
                # it holds a verb (“The greed. The theatrics.”) or the cue a named speaker.
                # PolNeAR train (840 articles): the gold joins a floating quote to an earlier
                # indirect or mixed statement 54 times; joining them in the same paragraph,
                # simulated on train: precision 0.809 -> 0.818, content F1 +0.003, quoted
                # recall -0.004
                found.used_quotes.update(chain)
                prev.content.extend(ctx.quote_spans(chain))
                prev.quotes.extend(chain)
                if prev.kind == "indirect":
                    prev.kind = "mixed"
                prev.rule += "; split quote continued after the cue sentence"
                continue
            if len(body.split()) < 4 or not has_verb(ctx, q.start, q.end):
                continue  # a quoted title or name (“The Last Harvest”), not someone's words
            if len(body.split()) < 8 and body.rstrip(_CLOSERS)[-1:] not in _SENTENCE_END:
                # a short quotation that ends on no sentence mark and has no cue is a title, a
                # slogan or a phrase of the writer's sentence (“Build Them Back Better” won the
                # prize), not a sentence someone spoke. PolNeAR train (840 articles): such
                # floating statements were true 1, false 9 (fifth round, part 3)
                continue
            if prev.entity is None and prev.speaker_head is None:
                continue
            if q.para - ctx.para_of(prev.anchor()) > 2:
                continue
            spans = ctx.quote_spans(chain)
            found.used_quotes.update(chain)
            draft = Draft(
                content=spans,
                kind="direct",
                rule="floating quote: no cue, continues the last speaker",
                confidence=0.6,
                quotes=chain,
                cue_lemma="",
            )
            draft.entity = prev.entity
            draft.speaker_head = None
            found.drafts.append(draft)
            drafts.insert(pos + 1, draft)
            anchors.insert(pos + 1, draft.anchor())
