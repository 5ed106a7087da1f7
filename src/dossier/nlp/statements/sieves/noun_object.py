"""Reporting nouns with an object (``her criticism of the plan``)."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.speakers import find_speaker

# entity types of an object that says when, not what ("her statement on Tuesday")
_WHEN = frozenset({"DATE", "TIME"})


class NounObjectCues:
    """Reporting nouns of ``noun_objects`` and their listed prepositions."""

    name = "noun_object"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``his comments on immigration``: a possessed reporting noun and its object."""
        tb = ctx.table
        dep, lower, heads = tb.dep, tb.lower, tb.head
        for tok, lemma in ctx.lemma_cands:
            preps = ctx.lex.noun_objects.get(lemma)
            if not preps:
                continue
            if tb.pos[tok] != "NOUN":
                continue
            poss = [c for c in tb.kids[tok] if dep[c] == "poss"]
            if (
                poss
                and lower[poss[0]] in ctx.lex.words.collective_possessives
                and tb.tag[tok] == "NNS"
            ):
                continue
            speaker = poss[0] if poss else self.governor_subject(ctx, tok)
            if speaker is None:
                continue
            cands = list(tb.kids[tok])
            if not poss and dep[tok] == "dobj":  # "took a swipe at X": at hangs off the verb
                after = ctx.right_edge(tok) + 1
                cands += [c for c in tb.kids[heads[tok]] if c == after]
            for child in cands:
                if dep[child] != "prep" or lower[child] not in preps:
                    continue
                if child != tok + 1 and heads[child] == tok:
                    continue
                objs = [g for g in tb.kids[child] if dep[g] in ("pobj", "pcomp")]
                if not objs or tb.ent_type[objs[0]] in _WHEN:
                    continue  # "a statement on Friday" dates the statement, holds no claim
                span = ctx.span_of_tokens(ctx.sub(objs[0]))
                if span is None:
                    continue
                kind, content, quotes = ctx.classify(ctx.extend_to_quotes(span))
                draft = Draft(
                    content=content,
                    kind=kind,
                    rule=f"reporting noun '{tb.lemma[tok]} {lower[child]}' with "
                    + ("a possessor" if poss else "the subject of its verb"),
                    confidence=0.5,
                    cue=(tb.idx[tok], tb.end(child)),
                    cue_tok=tok,
                    quotes=quotes,
                    cue_lemma=tb.lemma[tok],
                )
                found.keep(draft, speaker)
                break

    def governor_subject(self, ctx: Context, noun: int) -> int | None:
        """The subject of the verb a cue noun depends on: "X made no mention of ...",
        "X is a supporter of ...", "X came out in support of ..."."""
        tb = ctx.table
        dep = tb.dep
        head = tb.head[noun]
        if dep[noun] == "pobj" and dep[head] == "prep":
            head = tb.head[head]
        elif dep[noun] not in ("dobj", "attr", "nsubj"):
            return None
        if tb.pos[head] not in ("VERB", "AUX") or head == noun:
            return None
        if dep[noun] == "nsubj":
            return None
        found = find_speaker(ctx, head)
        if found is None or found in tb.subtree(noun):
            return None
        if (
            tb.pos[found] not in ("PROPN", "NOUN", "PRON")
            or tb.lower[found] in ctx.lex.words.expletives
        ):
            return None
        return found
