"""Naming uses of verbs are not statements: a name is not a claim anyone makes (issue 11; the
hidden speech-and-thought check counted them as false statements, PolNeAR train marks them
half the time). The verb sieve asks `is_naming` first so that a naming verb that is also a cue
verb (``dubbed``, ``labelled``, ``called``, ``known``) is not read as a statement with an
object. Three constructions name:

* a naming participle after a noun, with the name after it (``a plan dubbed X``, ``the accord
  known as the Lima pact``; ``naming`` in ``cues.yaml``);
* a verb that names in any construction with its preposition (``is known as X``, ``we know
  the pass as X``; ``naming_any``);
* a naming verb with a reflexive object and a name after it (``calls itself X``, ``dubbed
  himself “X”``): a self-designation (``calls himself a moderate`` describes, and stays).
"""

from __future__ import annotations

from dossier.nlp.statements.context import Context


def is_naming(ctx: Context, verb: int) -> bool:
    """Verb `verb` names something here instead of introducing what someone says."""
    return _naming_participle(ctx, verb) or _names_with(ctx, verb) or _names_itself(ctx, verb)


def _naming_participle(ctx: Context, verb: int) -> bool:
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


def _names_with(ctx: Context, verb: int) -> bool:
    """``she is known as X``, ``locals know the pass as X``: a verb of ``naming_any`` with its
    preposition and an object after it, whatever the construction."""
    tb = ctx.table
    preps = ctx.lex.naming_any.get(tb.lemma[verb])
    if not preps:
        return False
    # the preposition hangs off the verb, or off the object of a preposition of the verb, as
    # small parsers often attach it
    heads = [verb] + [
        g
        for c in tb.kids[verb]
        if c > verb and tb.dep[c] == "prep"
        for g in tb.kids[c]
        if tb.dep[g] == "pobj"
    ]
    return any(
        child > verb
        and tb.dep[child] == "prep"
        and tb.lower[child] in preps
        and any(tb.dep[g] == "pobj" for g in tb.kids[child])
        for head in heads
        for child in tb.kids[head]
    )


def _names_itself(ctx: Context, verb: int) -> bool:
    """``the group calls itself X``, ``he dubbed himself X``: a naming verb whose object is a
    reflexive pronoun, with a name after it."""
    tb = ctx.table
    if tb.lemma[verb] not in ctx.lex.naming:
        return False
    kids = [c for c in tb.kids[verb] if c > verb]
    reflexive = next(
        (c for c in kids if tb.dep[c] == "dobj" and tb.lower[c] in ctx.lex.words.reflexives),
        None,
    )
    if reflexive is None:
        return False
    # a name (a proper noun or a quotation), not a description ("calls himself a moderate")
    after = reflexive + 1
    return after < tb.n and (
        tb.pos[after] == "PROPN" or ctx.quote_containing(tb.idx[after]) is not None
    )
