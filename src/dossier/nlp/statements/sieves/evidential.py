"""Evidential verbs (``seem``, ``appear``): the subject and complement are content."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, cue_draft
from dossier.nlp.statements.context import Context


class EvidentialCues:
    """Verbs of ``evidential``: subject and complement, no speaker."""

    name = "evidential"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``the mayor appeared to be losing ground``, ``she seemed uneasy``: an evidential verb; its
        subject and complement are the content, with no speaker."""
        tb = ctx.table
        dep, lower = tb.dep, tb.lower
        for verb, lemma in ctx.lemma_cands:
            if lemma not in ctx.lex.evidential:
                continue
            if tb.pos[verb] not in ("VERB", "AUX"):
                continue
            kids = tb.kids[verb]
            subj = next((c for c in kids if dep[c] == "nsubj" and c < verb), None)
            comp = next(
                (c for c in kids if dep[c] in ("xcomp", "acomp", "oprd") and c > verb),
                None,
            )
            if subj is None or comp is None or lower[subj] in ctx.lex.words.impersonal:
                continue
            if tb.pos[subj] == "PRON" and lower[subj] in ctx.lex.words.first_person:
                continue
            toks = ctx.sub(subj) + ctx.sub(comp)
            span = ctx.span_of_tokens(toks)
            if span is None:
                continue
            kind, content, quotes = ctx.classify(span)
            found.keep(
                cue_draft(
                    ctx,
                    verb,
                    content=content,
                    kind=kind,
                    rule=f"evidential verb '{tb.lemma[verb]}': subject and complement",
                    confidence=0.4,
                    quotes=quotes,
                )
            )
