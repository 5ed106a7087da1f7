"""``According to X``, ``in the words of X``: the clause the phrase modifies is the content."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context, trim_span
from dossier.nlp.statements.speakers import speaker_tokens


def without_phrase(
    ctx: Context, span: tuple[int, int], phrase: tuple[int, int]
) -> list[tuple[int, int]]:
    """The pieces of `span` before and after the characters `phrase` (the cue phrase and its
    object): a clause's final full stop hangs on its verb, so the tokens of the clause reach
    past a trailing ``, according to X.``; the phrase is never its own content."""
    start, end = span
    if not (start < phrase[1] and phrase[0] < end):
        return [span]
    pieces = [trim_span(ctx.text, start, phrase[0]), trim_span(ctx.text, phrase[1], end)]
    return [(s, e) for s, e in pieces if any(c.isalnum() for c in ctx.text[s:e])]


class AccordingTo:
    """The phrases of ``according.prepositions``; the phrase's object is the speaker."""

    name = "according_to"

    def run(self, ctx: Context, found: Candidates) -> None:
        tb = ctx.table
        n, dep, heads, subtree = tb.n, tb.dep, tb.head, tb.subtree
        for phrase in ctx.lex.according:
            size = len(phrase)
            for i, lower in ctx.lower_cands:
                if lower != phrase[0] or i > n - size:
                    continue
                if any(tb.lower[i + j] != phrase[j] for j in range(1, size)):
                    continue
                first, last = i, i + size - 1
                objs = [c for c in tb.kids[last] if dep[c] == "pobj"]
                if not objs:
                    # "according to" is sometimes parsed flat: the next noun after the phrase
                    nxt = i + size
                    objs = [nxt] if nxt < n and tb.pos[nxt] != "PUNCT" else []
                    if not objs:
                        continue
                    src = objs[0]
                    while (
                        heads[src] > src
                        and heads[src] < tb.sent_bounds(src)[1]
                        and dep[src] in ("det", "compound", "amod", "poss")
                    ):
                        src = heads[src]
                    objs = [src]
                src = objs[0]
                attach = first
                while heads[attach] != attach and i <= heads[attach] < i + size:
                    attach = heads[attach]
                phrase_toks = set(range(i, i + size)).union(subtree(src))
                head = heads[attach] if heads[attach] != attach else None
                sent_start, sent_end = tb.sent_bounds(first)
                if head is None or head in phrase_toks:
                    toks = [t for t in range(sent_start, sent_end) if t not in phrase_toks]
                else:
                    toks = [
                        j
                        for j in subtree(head)
                        if j not in phrase_toks and sent_start <= j < sent_end
                    ]
                span = ctx.span_of_tokens(toks)
                if span is None:
                    continue
                span = ctx.extend_to_quotes(span)
                cue = (tb.idx[first], tb.end(last))
                kind, content, quotes = ctx.classify(span)
                phrase_chars = (tb.idx[min(phrase_toks)], tb.end(max(phrase_toks)))
                pieces = without_phrase(ctx, span, phrase_chars)
                if not pieces:
                    continue
                if len(pieces) == 1 and pieces != [span]:
                    kind, content, quotes = ctx.classify(pieces[0])
                elif len(pieces) == 2:
                    # "The plan, according to X, will cost ...": two pieces around the phrase
                    content = pieces
                    kind = "indirect" if kind == "indirect" else "mixed"
                draft = Draft(
                    content=content,
                    kind=kind,
                    rule=f"'{' '.join(phrase)} X': the clause it modifies is the content",
                    confidence=0.85,
                    cue=cue,
                    cue_tok=first,
                    quotes=quotes,
                    cue_lemma=" ".join(phrase),
                )
                draft.speaker_head = src
                draft.speaker_toks = speaker_tokens(ctx, src)
                found.keep(draft)
