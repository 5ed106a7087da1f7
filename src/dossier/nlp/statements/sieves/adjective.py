"""Predicate adjectives (``X is critical of Y``, ``X is confident that ...``)."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.speakers import find_speaker


class AdjectiveCues:
    """Predicate adjectives of ``adjectives``; the subject of their verb is the speaker."""

    name = "adjective"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``X is critical of Y``, ``X is confident that ...``: a predicate adjective."""
        tb = ctx.table
        dep, lower = tb.dep, tb.lower
        for tok, lemma in ctx.lemma_cands:
            preps = ctx.lex.adjectives.get(lemma)
            if preps is None:
                continue
            if tb.pos[tok] != "ADJ" or dep[tok] not in ("acomp", "oprd"):
                continue
            verb = tb.head[tok]
            if tb.pos[verb] not in ("VERB", "AUX"):
                continue
            toks: list[int] = []
            how = ""
            for child in tb.kids[tok]:
                if child < tok:
                    continue
                if dep[child] == "ccomp" or (dep[child] == "xcomp" and "to" in preps):
                    toks, how = ctx.sub(child), "clausal complement"
                    break
                if dep[child] == "prep" and lower[child] in preps:
                    objs = [g for g in tb.kids[child] if dep[g] in ("pobj", "pcomp")]
                    if objs:
                        toks, how = ctx.sub(objs[0]), f"object of '{lower[child]}'"
                        break
            if not toks:
                continue
            speaker = find_speaker(ctx, verb)
            if speaker is None or lower[speaker] in ctx.lex.words.expletives:
                continue
            span = ctx.span_of_tokens(toks)
            if span is None:
                continue
            kind, content, quotes = ctx.classify(ctx.extend_to_quotes(span))
            draft = Draft(
                content=content,
                kind=kind,
                rule=f"cue adjective '{tb.lemma[tok]}': {how}",
                confidence=0.5,
                cue=(tb.idx[tok], tb.end(tok)),
                cue_tok=tok,
                quotes=quotes,
                cue_lemma=tb.lemma[tok],
            )
            found.keep(draft, speaker)
