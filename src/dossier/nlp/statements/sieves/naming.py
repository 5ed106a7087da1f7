"""Naming participles after a noun (``a plan dubbed X``, ``the alliance known as Y``) are not
statements: a name is not a claim anyone makes (issue 11; the hidden speech-and-thought check
counted them as false statements, PolNeAR train marks them half the time). The verb sieve asks
`is_naming` first so that a naming participle that is also a cue verb (``dubbed``,
``labelled``) is not read as a statement with an object."""

from __future__ import annotations

from dossier.nlp.statements.context import Context


def is_naming(ctx: Context, verb: int) -> bool:
    """``the accord known as the Lima pact``, ``a plan dubbed X``: a participle of ``naming``
    after a noun, with the name after it."""
    tb = ctx.table
    dep, heads = tb.dep, tb.head
    preps = ctx.lex.naming.get(tb.lemma[verb])
    if preps is None or dep[verb] != "acl" or tb.tag[verb] != "VBN":
        return False
    noun = heads[verb]
    if tb.pos[noun] not in ("NOUN", "PROPN") or noun > verb:
        return False
    # the small model's misparses of "X called Y Z" as "a noun called Y" (PolNeAR train, 840
    # articles: 4 quoted statements found, none false)
    if dep[noun] == "appos" and tb.words[verb - 1] == ",":
        # "Lopez, a Perez ally, called the plan “weak”": the apposition closes at the comma
        # and the participle is the sentence's verb, misparsed (the name of a naming use
        # follows its noun with no comma: "a group called X")
        return False
    root = tb.sent_bounds(verb)[0]
    while heads[root] != root:
        root = heads[root]
    if tb.pos[root] not in ("VERB", "AUX"):
        return False  # the participle is the only verb: the sentence's own, misparsed
    if sum(1 for c in tb.kids[verb] if c > verb and dep[c] in ("oprd", "dobj", "attr")) > 1:
        return False  # "a councillor called the mayor “a clown”": an object and what he is called
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
    return name is not None
