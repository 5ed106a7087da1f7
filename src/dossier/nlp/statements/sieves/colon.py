"""``Name: “...”`` and ``NAME: text`` at the start of a sentence or paragraph."""

from __future__ import annotations

from dossier.nlp.quotes import ALL_MARKS
from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.context import trim_span as _trim_span


class ColonQuotes:
    """A short name before a mark of ``colon``, then a quote or a clause."""

    name = "colon"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``Name: “...”`` and ``NAME: text`` at the start of a sentence or paragraph."""
        tb = ctx.table
        n, words, pos, starts = tb.n, tb.words, tb.pos, tb.idx
        for tok, lower in ctx.lower_cands:
            if lower not in ctx.lex.colon or tok == 0:
                continue
            sent_start = tb.sent_bounds(tok)[0]
            para_start = ctx.paras[ctx.para_of(starts[tok])][0]
            left = list(range(max(sent_start, tb.token_at(para_start)), tok))
            # a transcript quoted paragraph by paragraph: ``"MODERATOR: Our first question ...``
            lead_quote: int | None = None
            while left and words[left[0]] in ALL_MARKS:
                if lead_quote is None:
                    lead_quote = ctx.quote_by_open.get(starts[left[0]])
                left = left[1:]
            if not left or len(left) > 7:
                continue
            if not all(
                pos[t] == "PROPN" or words[t].istitle() or words[t] in (".",) for t in left
            ) and (
                # "Mayor's office:", "Former judge Alvarez on reform:" (headlines)
                len(left) > 6
                or not (words[left[0]].istitle() or pos[left[0]] == "PROPN")
                or not any(pos[t] == "PROPN" for t in left)
                or not all(pos[t] in ("PROPN", "NOUN", "ADP", "DET", "ADJ", "PUNCT") for t in left)
            ):
                continue
            if any(tb.lemma[t] in ctx.lex.verbs and pos[t] == "VERB" for t in left):
                continue
            k = None
            nxt = tok + 1
            if nxt < n:
                for c in range(starts[nxt], tb.end(nxt)):
                    if c in ctx.quote_by_open:
                        k = ctx.quote_by_open[c]
            if k is not None and k in found.used_quotes:
                continue
            if k is not None:
                chain = ctx.quote_chain(k)
                content = ctx.quote_spans(chain)
                kind = "direct"
            else:
                pe = ctx.paras[ctx.para_of(starts[tok])][1]
                span = _trim_span(ctx.text, tb.end(tok), pe)
                if span[1] - span[0] < 10:
                    continue
                if not any(  # "Hard Winter: Notes from a Border Town" is a title, not a claim
                    pos[t] in ("VERB", "AUX") and starts[t] >= span[0]
                    for t in range(tok + 1, tb.token_at(max(span[0], span[1] - 1)) + 1)
                ):
                    continue
                chain = []
                content = [span]
                kind = "indirect"
                if lead_quote is not None and lead_quote not in found.used_quotes:
                    q = ctx.quotes[lead_quote]
                    if q.open < starts[tok] < q.end:
                        span = (span[0], min(span[1], q.end))
                        content, chain, kind = [span], [lead_quote], "direct"
            head = left[-1]
            for t in left:
                if tb.head[t] == t or not (left[0] <= tb.head[t] <= left[-1]):
                    head = t
            draft = Draft(
                content=content,
                kind=kind,
                rule="colon after a name",
                confidence=0.7,
                cue=(starts[tok], tb.end(tok)),
                cue_tok=tok,
                quotes=chain,
                cue_lemma=lower,
            )
            draft.speaker_head = head
            draft.speaker_toks = (left[0], left[-1] + 1)
            found.keep(draft)
