"""Event arguments from the dependency parse: who acted (source) and on whom (target).

Mechanisms only; which words trigger which roles lives in ``event_patterns.yaml``.

- a noun phrase's entities: the mention on its head, else on its modifiers (possessive,
  compound, nationality adjective: "Iranian targets", "US military bases"), else inside its
  "of" phrase ("positions of the Palestinian security forces"); coordination and apposition add
  more entities; a role noun with a nationality that no entity covers becomes a GROUP entity
  ("Russian jets" -> country RUS, sector MIL).
- subjects: nsubj, passive agents ("were struck by Israel"), and subjects inherited through
  coordination, control ("agreed to provide" -> the subject of "agreed"; "allowed Iran to use"
  -> Iran), purpose clauses and relative clauses.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from dossier.knowledge.countries import country_index
from dossier.knowledge.resources import load_yaml
from dossier.knowledge.roles import roles
from dossier.nlp.state import Analysis, EntityState, Mention, get_state

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
# verbs whose object is the subject of their complement ("allowed Iran to use")
OBJECT_CONTROL = frozenset(
    {
        "allow", "permit", "let", "ask", "urge", "order", "force", "help", "want", "persuade",
        "invite", "encourage", "call", "tell", "instruct", "enable", "press", "pressure",
        "compel", "require", "authorize", "authorise", "lead", "prompt", "push", "get",
    }
)  # fmt: skip
PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "itself",
     "themselves", "who", "which", "that"}
)  # fmt: skip


@dataclass
class ParseIndex:
    """A document's dependency parse as plain lists (one pass per document): the components
    walk children again and again, and spaCy builds a Token object for every child it yields.
    """

    doc: Doc
    dep: list[str]
    pos: list[str]
    lower: list[str]
    lemma: list[str]  # lower-cased lemmas
    kids: list[list[int]]  # children of each token, in text order (as `Token.children`)

    def subtree(self, i: int) -> list[int]:
        """Token `i` and its descendants, in `Token.subtree` order (left children's subtrees,
        the token, right children's subtrees)."""
        out: list[int] = []
        kids = self.kids

        def walk(j: int) -> None:
            for c in kids[j]:
                if c < j:
                    walk(c)
            out.append(j)
            for c in kids[j]:
                if c > j:
                    walk(c)

        walk(i)
        return out

    def children(self, token: Token, deps: Container[str]) -> list[Token]:
        """`token`'s children whose dependency label is in `deps`."""
        doc, dep = self.doc, self.dep
        return [doc[j] for j in self.kids[token.i] if dep[j] in deps]


_PARSE: list[ParseIndex] = []


def parse_index(doc: Doc) -> ParseIndex:
    """The ParseIndex of `doc` (kept for the last document asked about)."""
    if _PARSE and _PARSE[0].doc is doc:
        return _PARSE[0]
    state = get_state(doc)
    if state._parse is not None:  # built for this document before, by another component
        index = ParseIndex(doc, *state._parse)
        _PARSE[:] = [index]
        return index
    n = len(doc)
    attrs = [HEAD, DEP, POS, LOWER, LEMMA]
    arr = doc.to_array(attrs) if n else numpy.zeros((0, len(attrs)), dtype=numpy.uint64)
    strings = doc.vocab.strings

    def names(column: Any) -> list[str]:
        unique, inverse = numpy.unique(column, return_inverse=True)
        table = [strings[h] for h in unique.tolist()]
        return [table[k] for k in inverse.tolist()]

    heads = (arr[:, 0].astype(numpy.int64) + numpy.arange(n, dtype=numpy.int64)).tolist()
    kids: list[list[int]] = [[] for _ in range(n)]
    for j, h in enumerate(heads):
        if h != j:
            kids[h].append(j)
    unique, inverse = numpy.unique(arr[:, 4], return_inverse=True)
    lowered = [strings[h].lower() for h in unique.tolist()]
    lemmas = [lowered[k] for k in inverse.tolist()]
    index = ParseIndex(doc, names(arr[:, 1]), names(arr[:, 2]), names(arr[:, 3]), lemmas, kids)
    # the lists only (no reference back to the Doc from its own user data)
    state._parse = (index.dep, index.pos, index.lower, index.lemma, index.kids)
    _PARSE[:] = [index]
    return index


def _conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


@cache
def opposed_prefixes() -> frozenset[str]:
    """Prefixes that turn a country into what one stands against ("anti-Syria journalist")."""
    data = load_yaml("event_patterns.yaml").get("fallback_target") or {}
    return frozenset(str(w).lower() for w in data.get("opposed_prefixes") or [])


def _opposed(token: Token) -> bool:
    doc = token.doc
    if "-" in token.text:
        return token.text.split("-", 1)[0].lower() in opposed_prefixes()
    return (
        token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ in opposed_prefixes()
    )


def country_of_token(token: Token) -> str | None:
    """ISO3 of a nationality adjective or country name token ("Iranian", "US", "Israeli");
    none for a country one stands against ("anti-Syria")."""
    if _opposed(token):
        return None
    index = country_index()
    return index.demonym(token.text) or index.lookup(token.text)


def _ensure_group(state: Analysis, doc: Doc, head: Token) -> EntityState | None:
    """A GROUP entity for a role noun with a nationality ("Russian jets", "Afghan rebels")."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    country = None
    left = [c for c in head.lefts if c.dep_ in MODIFIER_DEPS]
    for child in left:
        country = country_of_token(child)
        if not country and child.dep_ == "compound":
            for grand in child.lefts:
                country = country_of_token(grand)
                if country:
                    break
        if country:
            break
    if not country and left:
        index = country_index()
        first = min(c.left_edge.i for c in left)
        for i in range(first, head.i - 1):
            pair = doc[i : i + 2].text  # "Sri Lankan army", "South Korean officers"
            country = index.demonym(pair) or index.lookup(pair)
            if country:
                break
    if not country:
        return None
    role = roles().get(head.lemma_.lower())
    start_tok = min([head.i, *[c.left_edge.i for c in left]])
    while start_tok < head.i and doc[start_tok].dep_ in {"det", "predet"}:
        start_tok += 1
    tokens = range(start_tok, head.i + 1)
    if any(state.mention_at(i) for i in tokens):
        # a modifier is already a mention (e.g. the demonym): make the group from the head only
        if state.mention_at(head.i):
            return state.entity_at(head.i)
        start_tok = head.i
    span = doc[start_tok : head.i + 1]
    ent = state.new_entity(
        span.text,
        "GROUP",
        country=country,
        sector=role.sector if role else None,
        plural=head.tag_ in {"NNS", "NNPS"},
        role=head.lemma_.lower() if role else None,
    )
    ent.rule.append("events: role noun with nationality")
    mention = Mention(
        start=span.start_char,
        end=span.end_char,
        tok_start=span.start,
        tok_end=span.end,
        kind="collective",
        head=head.i,
    )
    if not state.add_mention(ent, mention):
        del state.entities[ent.id]
        return None
    return ent


def nationality_group(state: Analysis, doc: Doc, head: Token) -> EntityState | None:
    """The actor a role noun with a nationality names ("Russian advisers" -> a GROUP coded
    RUS), created when no entity covers it; None when the noun has no nationality."""
    return _ensure_group(state, doc, head)


def np_entities(
    state: Analysis, token: Token, *, create: bool = True, depth: int = 0
) -> list[EntityState]:
    """Entities a noun phrase headed by `token` names, coordination and apposition included."""
    found: dict[str, EntityState] = {}
    for tok in _conjuncts(token):
        for ent in _np_entities_one(state, tok, create=create, depth=depth):
            found.setdefault(ent.id, ent)
    return list(found.values())


def _np_entities_one(
    state: Analysis, token: Token, *, create: bool, depth: int
) -> list[EntityState]:
    if depth > 3:
        return []
    ent = state.entity_at(token)
    if ent is not None:
        return [ent]
    px = parse_index(token.doc)
    doc, dep, kids, i = px.doc, px.dep, px.kids, token.i
    for c in kids[i]:
        if dep[c] == "appos":
            hit = state.entity_at(c)
            if hit is not None:
                return [hit]
    # modifiers: "Iran's military sources", "US military bases", "Iranian targets"
    for c in reversed([c for c in kids[i] if c < i]):
        if dep[c] in MODIFIER_DEPS and not _opposed(doc[c]):
            hit = state.entity_at(c)
            if hit is None and dep[c] == "compound":
                hit = next(
                    (state.entity_at(g) for g in kids[c] if g < c and state.entity_at(g)), None
                )
            if hit is not None and (
                dep[c] == "poss" or hit.type in {"GPE", "NORP", "ORG"} or hit.country
            ):
                return [hit]
    if create:
        group = _ensure_group(state, doc, token)
        if group is not None:
            return [group]
    # "positions of the Palestinian security forces", "leaders of Romania's government"
    for c in kids[i]:
        if dep[c] == "prep" and px.lower[c] in {"of", "from"}:
            for g in kids[c]:
                if dep[g] == "pobj":
                    hits = np_entities(state, doc[g], create=create, depth=depth + 1)
                    if hits:
                        return hits
    return []


def subject_tokens(verb: Token, depth: int = 0) -> tuple[list[Token], str]:
    """The subject of `verb` (own or inherited) and the path that found it."""
    px = parse_index(verb.doc)
    for c in px.kids[verb.i]:
        if px.dep[c] in SUBJ_DEPS:
            return _conjuncts(px.doc[c]), px.dep[c]
    if depth > 4:
        return [], ""
    head = verb.head
    if head is verb:
        return [], ""
    dep = verb.dep_
    if dep == "conj":
        toks, path = subject_tokens(head, depth + 1)
        return toks, f"conj>{path}" if toks else ""
    if dep in {"xcomp", "ccomp", "advcl", "pcomp", "acl"} and head.pos_ in {"VERB", "AUX"}:
        if dep in {"xcomp", "ccomp"} and head.lemma_.lower() in OBJECT_CONTROL:
            for child in head.children:
                if child.dep_ in OBJ_DEPS:
                    return _conjuncts(child), f"object of {head.lemma_}"
        toks, path = subject_tokens(head, depth + 1)
        return toks, f"{dep}>{path}" if toks else ""
    if dep == "pcomp" and head.dep_ == "prep":
        toks, path = (
            subject_tokens(head.head, depth + 1) if head.head.pos_ in {"VERB", "AUX"} else ([], "")
        )
        return toks, f"pcomp>{path}" if toks else ""
    if dep == "xcomp" and head.pos_ == "ADJ" and head.head.pos_ in {"VERB", "AUX"}:
        toks, path = subject_tokens(head.head, depth + 1)
        return toks, f"adj-xcomp>{path}" if toks else ""
    if dep in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN"}:
        return [head], dep
    return [], ""


def passive_parts(verb: Token) -> tuple[list[Token], list[Token]]:
    """(patients, agents) of a passive verb: "were struck by Israel"."""
    patients: list[Token] = []
    agents: list[Token] = []
    px = parse_index(verb.doc)
    dep, kids, doc = px.dep, px.kids, px.doc
    for c in kids[verb.i]:
        if dep[c] in PASS_SUBJ_DEPS:
            patients.extend(_conjuncts(doc[c]))
        elif dep[c] == "agent":
            for g in kids[c]:
                if dep[g] == "pobj":
                    agents.extend(_conjuncts(doc[g]))
    return patients, agents


def prep_objects(head: Token, preps: Iterable[str]) -> list[tuple[str, Token]]:
    """(preposition, object) pairs under `head` for the given prepositions."""
    wanted = set(preps)
    pairs: list[tuple[str, Token]] = []
    px = parse_index(head.doc)
    dep, lower, kids, doc = px.dep, px.lower, px.kids, px.doc
    for c in kids[head.i]:
        if (dep[c] == "prep" or (dep[c] == "dative" and px.pos[c] == "ADP")) and (
            lower[c] in wanted
        ):
            for g in kids[c]:
                if dep[g] == "pobj":
                    pairs.extend((lower[c], t) for t in _conjuncts(doc[g]))
    return pairs


_BOUNDS: dict[int, tuple[Doc, list[int], list[int]]] = {}


def _bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token, the first and last token index of its sentence (one pass per document)."""
    cached = _BOUNDS.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1], cached[2]
    starts = [0] * len(doc)
    ends = [0] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            starts[i] = sent.start
            ends[i] = sent.end - 1
    _BOUNDS.clear()
    _BOUNDS[id(doc)] = (doc, starts, ends)
    return starts, ends


def sentence_start(token: Token) -> int:
    """Index of the first token of `token`'s sentence (cheaper than ``token.sent``)."""
    return _bounds(token.doc)[0][token.i]


def sentence_end(token: Token) -> int:
    """Index of the last token of `token`'s sentence."""
    return _bounds(token.doc)[1][token.i]


def resolve_pronoun(state: Analysis, token: Token) -> list[EntityState]:
    """Unresolved pronoun subject: the subject of the clause that governs it ("X said it ...")."""
    if token.lower_ not in PRONOUNS and token.dep_ != "poss":
        return []
    start = sentence_start(token)
    if token.dep_ == "poss":
        # "its elimination of ...": the nearest preceding entity of a fitting kind
        person = token.lower_ in {"his", "her"}
        for i in range(token.i - 1, start - 1, -1):
            ent = state.entity_at(i)
            if ent is not None and (ent.type == "PERSON") == person:
                return [ent]
        return []
    clause = token.head
    for _ in range(4):
        if clause.head is clause:
            break
        clause = clause.head
        for child in clause.children:
            if child.dep_ in SUBJ_DEPS and child.i != token.i:
                hits = np_entities(state, child, create=False)
                if hits:
                    return hits
    # the nearest preceding entity of the sentence
    for i in range(token.i - 1, start - 1, -1):
        ent = state.entity_at(i)
        if ent is not None and ent.type not in {"DATE"}:
            return [ent]
    return []


# entities already looked at in the current document (cleared by the events component)
ENRICHED: set[str] = set()


def enrich_country(state: Analysis, doc: Doc, ent: EntityState) -> None:
    """An entity without a country whose own name holds a nationality ("Bosnian Serbs",
    "the Fijian rebels") gets that country."""
    if ent.country is not None or ent.type in {"GPE"} or ent.id in ENRICHED:
        return
    ENRICHED.add(ent.id)
    px = parse_index(doc)
    dep, kids = px.dep, px.kids
    for mention in ent.mentions:
        if mention.kind not in {"name", "alias", "collective", "description", "title"}:
            continue
        tokens = list(range(mention.tok_start, mention.tok_end))
        head = doc[mention.head] if 0 <= mention.head < len(doc) else doc[mention.tok_end - 1]
        # modifiers just before the mention: "British Defence Secretary Tom King"
        for i in range(mention.tok_start, mention.tok_end):
            for c in kids[i]:
                if c < i and dep[c] in {"compound", "amod", "nmod"} and c < mention.tok_start:
                    tokens.extend(px.subtree(c))
        index = country_index()
        for i in tokens:
            tok = doc[i]
            if i == mention.head and mention.tok_end - mention.tok_start > 1:
                continue
            country = country_of_token(tok)
            if not country and i + 1 < len(doc):  # "Sri Lankan", "South African"
                pair = doc[i : i + 2].text
                country = index.demonym(pair) or index.lookup(pair)
            if country:
                ent.country = country
                ent.rule.append(f"events: country from '{tok.text}' in or before its name")
                return
        # "Lebanon's new President Elias Hrawi", "its troops" (the possessor's country)
        for c in kids[head.i]:
            if c >= head.i or dep[c] != "poss":
                continue
            child = doc[c]
            owner = state.entity_at(child)
            owners = [owner] if owner is not None else resolve_pronoun(state, child)
            for other in owners:
                if other.id != ent.id and other.country:
                    ent.country = other.country
                    ent.rule.append(f"events: country of its possessor '{child.text}'")
                    return
        # "demonstrators in Baghdad", "opposition groups in Zimbabwe", "Albanians of Serbia"
        for _, pobj in prep_objects(head, {"in", "of", "from", "throughout", "across"}):
            place = state.entity_at(pobj)
            if place is not None and place.type in {"GPE", "LOC"} and place.country:
                ent.country = place.country
                ent.rule.append(f"events: country from where it is ('{pobj.text}')")
                return


def tokens_entities(state: Analysis, tokens: Iterable[Token], *, create: bool = True) -> list[str]:
    """Entity ids for argument head tokens (pronouns resolved when coref left them bare)."""
    ids: list[str] = []
    for tok in tokens:
        ents = np_entities(state, tok, create=create)
        if not ents and tok.pos_ == "PRON":
            ents = resolve_pronoun(state, tok)
        for ent in ents:
            enrich_country(state, tok.doc, ent)
            if ent.id not in ids:
                ids.append(ent.id)
    return ids


def fallback_entities(doc: Doc, state: Analysis) -> None:
    """Minimal entities from spaCy's named entities when no entity component ran.

    Used only when the state holds no entity at all (the events component run on its own);
    the project's entity component does this properly.
    """
    from dossier.knowledge.actors import actor_kb

    index = country_index()
    kb = actor_kb()
    by_name: dict[str, EntityState] = {}
    for span in doc.ents:
        if span.label_ not in {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}:
            continue
        text = span.text
        if text.lower().startswith("the "):
            span = span[1:]
            text = span.text
        if not text:
            continue
        country = index.lookup(text) or index.demonym(text)
        sector = None
        metonym = index.metonym(text)
        if metonym:
            country, sector = metonym
        kb_id = None
        actor = kb.lookup(text)
        if actor is not None:
            a_country, a_sector, _ = actor.coding_on(state.published)
            country = country or a_country
            sector = sector or a_sector
            kb_id = getattr(actor, "id", None)
        if country is None:
            for tok in span.root.lefts:
                if tok.i < span.start:
                    country = country_of_token(tok)
                    if country:
                        break
            if country is None:
                for tok in span:
                    country = country_of_token(tok)
                    if country:
                        break
        type_ = "GPE" if span.label_ == "NORP" and country and index.lookup(text) else span.label_
        key = (country or text) if span.label_ in {"GPE", "NORP"} and country else text
        ent = by_name.get(key)
        if ent is None:
            ent = state.new_entity(text, type_, country=country, sector=sector, kb_id=kb_id)
            ent.rule.append("events fallback: spaCy named entity")
            by_name[key] = ent
        state.add_mention(
            ent,
            Mention(
                start=span.start_char,
                end=span.end_char,
                tok_start=span.start,
                tok_end=span.end,
                kind="demonym" if span.label_ == "NORP" else "name",
                head=span.root.i,
            ),
        )
