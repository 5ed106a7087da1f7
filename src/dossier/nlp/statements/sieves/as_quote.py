"""An object described as a quotation (``called the plan a “disgrace”``)."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, cue_draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.sieves.naming import is_naming
from dossier.nlp.statements.speakers import find_speaker


class AsQuoteCues:
    """Any verb whose object an ``as`` phrase with a quotation describes."""

    name = "as_quote"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``X dismissed the mayor as a “part-time manager”``: any verb whose object is characterized by an
        ``as`` phrase holding a quotation; the object and the phrase are the content."""
        tb = ctx.table
        dep, heads = tb.dep, tb.head
        cue_toks = {x.cue_tok for x in found.drafts}
        for k, q in enumerate(ctx.quotes):
            if k in found.used_quotes or q.single or q.cont_of is not None:
                continue
            tok = tb.token_at(q.open)
            as_prep: int | None = None
            for _ in range(4):  # the quote's token up to the "as" preposition
                if dep[tok] == "prep" and tb.lower[tok] == "as":
                    as_prep = tok
                    break
                if heads[tok] == tok:
                    break
                tok = heads[tok]
            if as_prep is None or tb.pos[heads[as_prep]] != "VERB" or heads[as_prep] in cue_toks:
                continue
            verb = heads[as_prep]
            if is_naming(ctx, verb):  # "she is known as “the Bullet”": a name, no claim
                continue
            obj: int | None = None
            for child in tb.kids[verb]:
                if child > as_prep:
                    break
                if child > verb and dep[child] == "dobj":
                    obj = child
                elif child > verb and dep[child] == "prep" and obj is None:
                    obj = next((g for g in tb.kids[child] if dep[g] == "pobj"), None)
            speaker = find_speaker(ctx, verb)
            if obj is None or speaker is None or tb.lower[speaker] in ctx.lex.words.expletives:
                continue
            toks = ctx.sub(obj) + ctx.sub(as_prep)
            span = ctx.span_of_tokens(toks)
            if span is None or not span[0] < q.open < span[1]:
                continue
            kind, content, quotes = ctx.classify(ctx.extend_to_quotes(span))
            draft = cue_draft(
                ctx,
                verb,
                content=content,
                kind=kind,
                rule=f"verb '{tb.lemma[verb]}' with an object described as a quotation",
                confidence=0.5,
                quotes=quotes,
            )
            found.keep(draft, speaker)
            cue_toks.add(verb)
