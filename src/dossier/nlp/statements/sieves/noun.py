"""Reporting nouns: with a that-clause (``the claim that ...``) or a colon and a quote."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.speakers import find_speaker


class NounCues:
    """Reporting nouns of ``nouns``."""

    name = "noun"

    def run(self, ctx: Context, found: Candidates) -> None:
        tb = ctx.table
        dep, lower = tb.dep, tb.lower
        for tok, lemma in ctx.lemma_cands:
            if lemma not in ctx.lex.nouns:
                continue
            if tb.pos[tok] != "NOUN":
                continue
            clause = None
            for child in tb.kids[tok]:
                if dep[child] not in ("acl", "ccomp", "relcl"):
                    continue
                edge = ctx.left_edge(child)
                if any(
                    dep[g] == "mark" and lower[g] == "that" and g == edge for g in tb.kids[child]
                ):
                    clause = child
                    break
            if clause is None:
                self.noun_colon_quote(ctx, found, tok)
                continue
            self.reporting_noun_clause(ctx, found, tok, clause)

    def reporting_noun_clause(self, ctx: Context, found: Candidates, tok: int, clause: int) -> None:
        """``the senator's claim that ...``: the clause is the content."""
        tb = ctx.table
        dep = tb.dep
        span = ctx.span_of_tokens(ctx.sub(clause))
        if span is None:
            return
        speaker: int | None = None
        for child in tb.kids[tok]:
            if dep[child] == "poss":
                speaker = child
            elif (
                dep[child] == "prep"
                and tb.lower[child] in ctx.lex.words.agent_prepositions
                and speaker is None
            ):
                objs = [g for g in tb.kids[child] if dep[g] == "pobj"]
                speaker = objs[0] if objs else None
        if speaker is None and dep[tok] in ("dobj",) and tb.pos[tb.head[tok]] in ("VERB", "AUX"):
            speaker = find_speaker(ctx, tb.head[tok])
        kind, content, quotes = ctx.classify(span)
        draft = Draft(
            content=content,
            kind=kind,
            rule=f"reporting noun '{tb.lemma[tok]}' with a that-clause",
            confidence=0.6,
            cue=(tb.idx[tok], tb.end(tok)),
            cue_tok=tok,
            quotes=quotes,
            cue_lemma=tb.lemma[tok],
        )
        found.keep(draft, speaker)

    def noun_colon_quote(self, ctx: Context, found: Candidates, noun: int) -> None:
        """``X issued a statement: “...”``: a reporting noun, a colon, then a quote."""
        tb = ctx.table
        nxt = noun + 1
        if nxt + 1 >= tb.n or tb.words[nxt] != ":":
            return
        k = None
        for tok in range(nxt + 1, min(nxt + 3, tb.n)):
            for c in range(tb.idx[tok], tb.end(tok)):
                if c in ctx.quote_by_open:
                    k = ctx.quote_by_open[c]
                    break
            if k is not None or not tb.words[tok].isspace():
                break
        if k is None or k in found.used_quotes:
            return
        chain = ctx.quote_chain(k)
        speaker: int | None = None
        for child in tb.kids[noun]:
            if tb.dep[child] == "poss":
                speaker = child
        if (
            speaker is None
            and tb.dep[noun] in ("dobj", "nsubjpass")
            and tb.pos[tb.head[noun]] in ("VERB", "AUX")
        ):
            speaker = find_speaker(ctx, tb.head[noun])
            if speaker is not None and speaker == noun:
                speaker = None
        draft = Draft(
            content=ctx.quote_spans(chain),
            kind="direct",
            rule=f"reporting noun '{tb.lemma[noun]}' followed by a colon and a quote",
            confidence=0.7,
            cue=(tb.idx[noun], tb.end(noun)),
            cue_tok=noun,
            quotes=chain,
            cue_lemma=tb.lemma[noun],
        )
        found.keep(draft, speaker)
