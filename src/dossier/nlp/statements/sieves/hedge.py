"""Hedging adverbs (``reportedly``, ``allegedly``): the clause they modify is content."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.context import trim_span as _trim_span


class HedgeAdverbs:
    """Adverbs of ``hedges``: the clause of their verb, no speaker."""

    name = "hedge"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``X is reportedly weighing a bid``: the clause around a hedging adverb is
        content with no speaker."""
        tb = ctx.table
        for adv, lower in ctx.lower_cands:
            if lower not in ctx.lex.hedges:
                continue
            if tb.dep[adv] != "advmod":
                continue
            verb = tb.head[adv]
            if tb.pos[verb] not in ("VERB", "AUX"):
                continue
            if any(x.cue_tok == verb for x in found.drafts):
                continue
            toks = [t for t in ctx.sub(verb) if tb.dep[t] != "mark"]
            span = ctx.span_of_tokens(toks)
            if span is None:
                continue
            kind, content, quotes = ctx.classify(span)
            a, b = tb.idx[adv], tb.end(adv)
            if kind == "indirect" and len(content) == 1:  # the adverb is the cue, not content
                pieces = [
                    _trim_span(ctx.text, content[0][0], a),
                    _trim_span(ctx.text, b, content[0][1]),
                ]
                content = [(x, y) for x, y in pieces if y > x]
            found.keep(
                Draft(
                    content=content,
                    kind=kind,
                    rule=f"hedging adverb '{tb.lower[adv]}': the clause it modifies",
                    confidence=0.4,
                    cue=(a, b),
                    cue_tok=adv,
                    quotes=quotes,
                    cue_lemma=tb.lower[adv],
                )
            )
