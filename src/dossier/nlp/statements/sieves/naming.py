"""Naming participles after a noun (``a plan dubbed X``, ``the alliance known as Y``): the
named thing and its name are the content, with no speaker."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, cue_draft
from dossier.nlp.statements.context import Context


def naming_draft(ctx: Context, found: Candidates, verb: int) -> bool:
    """``the accord known as the Lima pact``, ``a plan dubbed X``: the named thing and
    its name are the content (no speaker)."""
    tb = ctx.table
    dep, heads = tb.dep, tb.head
    preps = ctx.lex.naming.get(tb.lemma[verb])
    if preps is None or dep[verb] != "acl" or tb.tag[verb] != "VBN":
        return False
    noun = heads[verb]
    if tb.pos[noun] not in ("NOUN", "PROPN") or noun > verb:
        return False
    name: int | None = None
    for child in tb.kids[verb]:
        if child < verb:
            continue
        if dep[child] == "prep" and tb.lower[child] in preps:
            objs = [g for g in tb.kids[child] if dep[g] == "pobj"]
            name = objs[0] if objs else None
        elif dep[child] in ("oprd", "dobj", "attr") and not preps:
            name = child
        if name is not None:
            break
    if name is None:
        return False
    start = noun
    while (  # "the string of contests known as ...": the whole noun phrase
        dep[start] == "pobj"
        and dep[heads[start]] == "prep"
        and tb.lower[heads[start]] == "of"
        and tb.pos[heads[heads[start]]] == "NOUN"
    ):
        start = heads[heads[start]]
    span = ctx.span_of_tokens(range(ctx.left_edge(start), ctx.right_edge(name) + 1))
    if span is None:
        return False
    kind, content, quotes = ctx.classify(span)
    found.keep(
        cue_draft(
            ctx,
            verb,
            content=content,
            kind=kind,
            rule=f"naming participle '{tb.lemma[verb]}': the named thing and its name",
            confidence=0.4,
            quotes=quotes,
        )
    )
    return True
