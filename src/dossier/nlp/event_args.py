"""Event arguments from the dependency parse: who acted (source) and on whom (target).

Mechanisms only; which words trigger which roles lives in ``events/_shared.yaml``.

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

from collections.abc import Iterable
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from dossier.knowledge.countries import country_index
from dossier.knowledge.gazetteer import fold
from dossier.knowledge.namesakes import namesake_words
from dossier.knowledge.resources import load_yaml, word_set
from dossier.knowledge.roles import Role, roles
from dossier.nlp.event_words import argument_words
from dossier.nlp.state import Analysis, EntityState, Mention
from dossier.nlp.tokens import TokenTable, token_table

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})


@cache
def ethnic_markers() -> frozenset[str]:
    """Words before a demonym that make it an ethnicity ("ethnic Albanians"): non_actors.yaml."""
    return frozenset(
        str(w).lower() for w in load_yaml("non_actors.yaml").get("ethnic_markers") or []
    )


@cache
def opposed_prefixes() -> frozenset[str]:
    """Prefixes that turn a country into what one stands against ("anti-Syria journalist")."""
    data = load_yaml("events/_shared.yaml").get("fallback_target") or {}
    return word_set(data, "opposed_prefixes", "events/_shared.yaml")


def country_of_token(token: Token) -> str | None:
    """ISO3 of a nationality adjective or country name token ("Iranian", "US", "Israeli");
    none for a country one stands against ("anti-Syria")."""
    return token_country(token_table(token.doc), token.i)


def _opposed_at(px: TokenTable, i: int) -> bool:
    text = px.words[i]
    if "-" in text:
        return text.split("-", 1)[0].lower() in opposed_prefixes()
    return i >= 2 and px.words[i - 1] == "-" and px.lower[i - 2] in opposed_prefixes()


def token_country(px: TokenTable, i: int) -> str | None:
    """`country_of_token` of token `i` (cached with the token table)."""
    cache = px.memo("country")
    if i in cache:
        found: str | None = cache[i]
        return found
    found = cache[i] = None if _opposed_at(px, i) else _country_of_text(px.words[i])
    return found


def pair_country(px: TokenTable, i: int) -> str | None:
    """The country tokens `i` and `i + 1` name together ("Sri Lankan") (cached)."""
    cache = px.memo("pair country")
    if i in cache:
        found: str | None = cache[i]
        return found
    found = cache[i] = _country_of_text(_pair_text(px, i))
    return found


def _country_of_text(text: str) -> str | None:
    """ISO3 of a demonym or country name (cached: the same words recur in every document)."""
    if text in _TEXT_COUNTRY:
        return _TEXT_COUNTRY[text]
    if len(_TEXT_COUNTRY) > 1 << 16:
        _TEXT_COUNTRY.clear()
    index = country_index()
    found = _TEXT_COUNTRY[text] = index.demonym(text) or index.lookup(text)
    return found


_TEXT_COUNTRY: dict[str, str | None] = {}


def _ensure_group(state: Analysis, doc: Doc, head: Token) -> EntityState | None:
    """A GROUP entity for a role noun with a nationality ("Russian jets", "Afghan rebels")."""
    px = token_table(doc)
    h = head.i
    if px.pos[h] not in {"NOUN", "PROPN"}:
        return None
    dep, kids = px.dep, px.kids
    country = None
    left_ids = [c for c in kids[h] if c < h and dep[c] in MODIFIER_DEPS]
    for c in left_ids:
        country = token_country(px, c)
        if not country and dep[c] == "compound":
            for g in kids[c]:
                if g < c:
                    country = token_country(px, g)
                    if country:
                        break
        if country:
            break
    if not country and left_ids:
        first = min(_left_edge(px, c) for c in left_ids)
        for i in range(first, h - 1):
            country = pair_country(px, i)  # "Sri Lankan army", "South Korean officers"
            if country:
                break
    if not country:
        return None
    if fold(px.words[h]) in namesake_words("not_a_place"):
        return None  # "the Kuwait junction": a road named after a country, no actor
    left = [doc[c] for c in left_ids]
    role = None
    if head.i > 0 and doc[head.i - 1].dep_ == "compound":
        # "police forces of X", "the Kenyan police force": the compound role first
        role = roles().get(f"{doc[head.i - 1].lemma_.lower()} {head.lemma_.lower()}")
    role = role or roles().get(head.lemma_.lower())
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
    return _with_collective_mention(state, ent, span, head.i)


COLLECTIVE_KINDS = frozenset({"group", "org"})
ACTED_ON_DEPS = frozenset({"dobj", "nsubjpass"})  # the object, the passive subject


def _collective_group(state: Analysis, doc: Doc, head: Token) -> EntityState | None:
    """A GROUP entity for a collective role noun with a sector and no nationality, as an
    event's argument ("an angry mob", "the crowd", "riot police"): the actor of the event
    with the role's sector (roles.yaml); its country may come later from the event's place."""
    px = token_table(doc)
    h = head.i
    if px.lemma[h] in argument_words().bare_quantities:
        return _bare_quantity_group(state, doc, px, h)
    if px.pos[h] != "NOUN":
        return None
    lemma = px.lemma[h]
    if lemma in argument_words().victim_nouns:
        victim = _victim_group(state, doc, px, h)
        if victim is not None:
            return victim
        # not acted on ("women marched", "hundreds of women rallied"): a generic collective
        # below when plural
    role = None
    if h > 0 and px.dep[h - 1] in {"compound", "amod"} and px.head[h - 1] == h:
        # "riot police", "an armed group": a two-word role noun (roles.yaml)
        role = roles().get(f"{px.lemma[h - 1]} {lemma}")
    role = role or roles().get(lemma)
    words = argument_words()
    body = _body_role(px, h, role) if lemma in words.body_roles else None
    role = body or role
    if (
        # a role noun with no sector counts only when it names people by sex or age ("women
        # marched"); "people attended the funeral" stays no actor
        (role is None or (role.sector is None and lemma in words.victim_nouns))
        and lemma in words.generic_sectors
        and head.tag_ in {"NNS", "NNPS"}
    ):
        # "youths threw stones at police": a plural generic collective (generic_collectives
        # of events/_shared.yaml) with no modifier is the act's civilian actor
        if state.mention_at(h):
            return None
        ent = state.new_entity(
            head.text, "GROUP", sector=words.generic_sectors[lemma], plural=True, role=None
        )
        ent.rule.append(f"events: generic collective {lemma!r} as an event argument")
        return _with_collective_mention(state, ent, doc[h : h + 1], h)
    if role is None or role.sector is None:
        return None
    if role.kind in COLLECTIVE_KINDS:
        if role.noun not in words.collective_actors:
            return None  # "a drone", "the unit", "a demonstration": not an acting collective
    elif role.noun not in words.singular_actors and px.dep[h] not in ACTED_ON_DEPS and not body:
        # any role noun with a sector names the one acted on ("kidnapped a bishop", "a
        # councillor was shot"); as the actor only the `singular_actors` do, and the leaders
        # and members of a body named by its role noun ("the rebel leader signed ...")
        return None
    start_tok = (
        h - 1 if h > 0 and px.dep[h - 1] in {"compound", "amod"} and role.noun != lemma else h
    )
    if state.mention_at(start_tok) or state.mention_at(h):
        return None
    span = doc[start_tok : h + 1]
    ent = state.new_entity(
        span.text,
        "GROUP",
        sector=role.sector,
        plural=head.tag_ in {"NNS", "NNPS"},
        role=role.noun,
    )
    ent.rule.append(f"events: collective role noun {role.noun!r}")
    return _with_collective_mention(state, ent, span, h)


def _bare_quantity_group(state: Analysis, doc: Doc, px: TokenTable, h: int) -> EntityState | None:
    """ "Dozens were arrested", "thousands marched": a plural number word with no "of" phrase
    standing for people (`bare_quantities` of events/_shared.yaml): a GROUP of civilians."""
    if px.pos[h] not in {"NOUN", "NUM"} or not px.lower[h].endswith("s"):
        return None
    if px.dep[h] not in {"nsubj", "nsubjpass", "dobj"}:
        return None  # "shares worth millions": a subject or object only
    if any(px.dep[c] == "prep" and px.lower[c] == "of" for c in px.kids[h]):
        return None  # "hundreds of troops": the "of" phrase names them
    if state.mention_at(h):
        return None
    sector = argument_words().people_sector
    span = doc[h : h + 1]
    ent = state.new_entity(span.text, "GROUP", sector=sector, plural=True)
    ent.rule.append(f"events: '{span.text}' with no 'of' phrase: people")
    return _with_collective_mention(state, ent, span, h)


def _victim_group(state: Analysis, doc: Doc, px: TokenTable, h: int) -> EntityState | None:
    """ "A man was stabbed", "police shot two men": a person named only by sex or age
    (`victim_nouns` of events/_shared.yaml) as the one acted on (a passive subject or an
    object), with no "of" phrase or name: a GROUP of civilians."""
    if px.dep[h] not in {"nsubjpass", "dobj"} or state.mention_at(h):
        return None
    if any(px.dep[c] in {"prep", "appos"} and px.lower[c] in {"of", ","} for c in px.kids[h]):
        return None
    start = h
    while start > 0 and px.dep[start - 1] in {"nummod", "amod"} and px.head[start - 1] == h:
        start -= 1
    span = doc[start : h + 1]
    sector = argument_words().people_sector
    plural = doc[h].tag_ in {"NNS", "NNPS"}
    ent = state.new_entity(span.text, "GROUP", sector=sector, plural=plural)
    ent.rule.append(f"events: '{doc[h].text}' acted on, named by sex or age: civilians")
    return _with_collective_mention(state, ent, span, h)


def _with_collective_mention(
    state: Analysis, ent: EntityState, span: Span, head: int
) -> EntityState | None:
    """Give a new collective entity its mention `span`; drop the entity (None) when the span
    is taken by another mention already."""
    mention = Mention(
        start=span.start_char,
        end=span.end_char,
        tok_start=span.start,
        tok_end=span.end,
        kind="collective",
        head=head,
    )
    if not state.add_mention(ent, mention):
        del state.entities[ent.id]
        return None
    return ent


def _left_edge(px: TokenTable, i: int) -> int:
    """`Token.left_edge.i`: the first token of `i`'s subtree."""
    return min(px.subtree(i))


def nationality_group(state: Analysis, doc: Doc, head: Token) -> EntityState | None:
    """The actor a role noun with a nationality names ("Russian advisers" -> a GROUP coded
    RUS), created when no entity covers it; None when the noun has no nationality."""
    return _ensure_group(state, doc, head)


def np_entities(
    state: Analysis, token: Token, *, create: bool = True, depth: int = 0
) -> list[EntityState]:
    """Entities a noun phrase headed by `token` names, coordination and apposition included."""
    return _np_entities(state, token_table(token.doc), token.i, create, depth)


def np_entities_at(
    state: Analysis, px: TokenTable, i: int, *, create: bool = True
) -> list[EntityState]:
    """`np_entities` on a token index."""
    return _np_entities(state, px, i, create, 0)


def _np_entities(
    state: Analysis, px: TokenTable, i: int, create: bool, depth: int
) -> list[EntityState]:
    conj = px.conjuncts(i)
    if len(conj) == 1:
        return _np_entities_one(state, px, i, create, depth)
    found: dict[str, EntityState] = {}
    for j in conj:
        for ent in _np_entities_one(state, px, j, create, depth):
            found.setdefault(ent.id, ent)
    return list(found.values())


def _entity_at(state: Analysis, i: int) -> EntityState | None:
    """`state.entity_at(i)`."""
    mention = state.token_mention.get(i)
    return state.entities.get(mention.entity) if mention is not None else None


def _np_entities_one(
    state: Analysis, px: TokenTable, i: int, create: bool, depth: int
) -> list[EntityState]:
    if depth > 3:
        return []
    ent = _entity_at(state, i)
    if ent is not None:
        return [ent]
    doc, dep, kids = px.doc, px.dep, px.kids
    children = kids[i]
    if not children:
        # no modifier, apposition or "of" phrase: only a collective role noun ("police")
        group = _collective_group(state, doc, doc[i]) if create else None
        return [group] if group is not None else []
    for c in children:
        if dep[c] == "appos":
            hit = _entity_at(state, c)
            if hit is not None:
                return [hit]
    if create and px.lemma[i] in argument_words().force_assets:
        holder = _asset_holder(state, px, i)
        if holder is not None:
            return [holder]
    # modifiers: "Iran's military sources", "US military bases", "Iranian targets"
    for c in reversed(children):
        if c > i:
            continue
        if dep[c] in MODIFIER_DEPS and not _opposed_at(px, c):
            hit = _entity_at(state, c)
            if hit is None and dep[c] == "compound":
                hit = _first_entity_before(state, kids[c], c)
            if (
                hit is not None
                and hit.type == "NORP"
                and not hit.country
                and dep[c] == "amod"
                and _role_at(px, i) is not None
            ):
                # "a Catholic priest", "a Muslim cleric": a faith or a people of no country
                # describes the role noun, which names the actor
                continue
            if hit is not None and (
                dep[c] == "poss" or hit.type in {"GPE", "NORP", "ORG"} or hit.country
            ):
                return [hit]
    if create:
        group = _ensure_group(state, doc, doc[i]) or _collective_group(state, doc, doc[i])
        if group is not None:
            return [group]
    # "positions of the Palestinian security forces", "leaders of Romania's government"
    for c in children:
        if dep[c] == "prep" and px.lower[c] in {"of", "from"}:
            for g in kids[c]:
                if dep[g] == "pobj":
                    hits = _np_entities(state, px, g, create, depth + 1)
                    if hits:
                        return hits
    if create and px.lemma[i] in argument_words().follower_nouns:
        follower = _follower_group(state, doc, px, i)
        if follower is not None:
            return [follower]
    return []


def _first_entity_before(state: Analysis, tokens: list[int], end: int) -> EntityState | None:
    """The entity of the first of `tokens` before token `end` that is in one."""
    for g in tokens:
        if g < end:
            hit = _entity_at(state, g)
            if hit is not None:
                return hit
    return None


def _role_at(px: TokenTable, i: int) -> Role | None:
    """The role noun with a sector token `i` names, two words first ("rebel commander")."""
    pre = f"{px.lemma[i - 1]} {px.lemma[i]}" if i > 0 and px.head[i - 1] == i else ""
    table = roles()
    role = (table.get(pre) if pre else None) or table.get(px.lemma[i]) or table.get(px.lower[i])
    return role if role is not None and role.sector is not None else None


def _body_role(px: TokenTable, h: int, role: Role | None) -> Role | None:
    """ "A separatist leader", "a trade union leader", "an opposition candidate": a role noun of
    `sector_of_their_body` takes the sector of the body its modifier names (roles.yaml), the
    modifier nearest the noun first; None when no modifier names one."""
    mods = [c for c in px.kids[h] if c < h and px.dep[c] in {"compound", "amod", "nmod"}]
    for c in sorted(mods, reverse=True):
        body = _role_at(px, c)
        if body is not None and body.noun != px.lemma[h]:
            noun = f"{body.noun} {px.lemma[h]}"
            return Role(noun, body.sector, "person", role.gender if role else None)
    return None


def force_asset_at(px: TokenTable, i: int) -> bool:
    """Whether token `i` is what a force holds with its holder named ("a police station",
    "rebel positions", "a Russian base"; `force_assets` of events/_shared.yaml)."""
    assets = argument_words().force_assets
    if px.lemma[i] not in assets or any(px.dep[c] == "poss" for c in px.kids[i]):
        return False
    j = i
    while px.dep[j] == "conj" and px.head[j] != j:
        j = px.head[j]
    up = px.head[j]
    if not (
        px.dep[j] in ACTED_ON_DEPS
        or (px.dep[j] == "pobj" and px.dep[up] == "prep" and px.lower[up] != "by")
    ):
        return False  # acted upon only: "military vehicles blocked the road" is no site
    mods = [c for c in px.kids[i] if c < i and px.dep[c] in {"compound", "amod", "nmod"}]
    if any(_role_at(px, c) is not None for c in mods):
        return True
    own = assets[px.lemma[i]] is not None
    return own and any(token_country(px, c) for c in mods)


def _asset_holder(state: Analysis, px: TokenTable, h: int) -> EntityState | None:
    """The force that holds what token `h` names, as an event's argument: "attacked a police
    station" -> the police (COP), "overran an army base" -> the army (MIL), "a Kenyan police
    patrol" -> the police of KEN, "a Russian base" -> MIL of RUS (`own_sector`). An entity
    already on the holder's word is the holder; None when no holder is named ("his base")."""
    if not force_asset_at(px, h):
        return None
    doc = px.doc
    mods = [c for c in px.kids[h] if c < h and px.dep[c] in {"compound", "amod", "nmod"}]
    holder = next((c for c in reversed(mods) if _role_at(px, c) is not None), None)
    if holder is not None and (found := _entity_at(state, holder)) is not None:
        return found
    country = next((cc for c in mods if (cc := token_country(px, c))), None)
    if country is None and mods:
        country = next(
            (cc for j in range(_left_edge(px, min(mods)), h - 1) if (cc := pair_country(px, j))),
            None,
        )
    role = _role_at(px, holder) if holder is not None else None
    sector = role.sector if role is not None else argument_words().force_assets[px.lemma[h]]
    at = holder if holder is not None and not state.mention_at(holder) else h
    if state.mention_at(at):
        return None
    span = doc[at : at + 1]
    ent = state.new_entity(span.text, "GROUP", country=country, sector=sector, plural=True)
    ent.rule.append(f"events: the {sector} force that holds the '{px.words[h]}' acted upon")
    return _with_collective_mention(state, ent, span, at)


def place_people(state: Analysis, px: TokenTable, h: int) -> EntityState | None:
    """ "Gunmen raided a village": the people of a place of civilians (`civilian_places` of
    events/_shared.yaml) that is acted upon, a GROUP of the sector of "people" (CVL) on the
    place noun; None when the noun is no such place or is part of a mention already."""
    words = argument_words()
    two = f"{px.lemma[h - 1]} {px.lemma[h]}" if h > 0 and px.head[h - 1] == h else ""
    start = h - 1 if two in words.civilian_places else h
    if px.pos[h] != "NOUN":
        return None  # "the House": a name, not a place of civilians
    if (start == h and px.lemma[h] not in words.civilian_places) or any(
        state.mention_at(j) for j in range(start, h + 1)
    ):
        return None
    if any(px.dep[c] == "poss" for c in px.kids[h]):
        return None  # "his home village": the possessor is named
    span = px.doc[start : h + 1]
    sector = words.people_sector
    ent = state.new_entity(span.text, "GROUP", sector=sector, plural=True)
    ent.rule.append(f"events: the people of the '{span.text}' acted upon ({sector})")
    return _with_collective_mention(state, ent, span, h)


def _follower_group(state: Analysis, doc: Doc, px: TokenTable, h: int) -> EntityState | None:
    """ "Supporters of the former president rallied": plural people named by whom they
    follow (`follower_nouns` of events/_shared.yaml) whose modifiers and "of" phrase name no
    actor: a GROUP with the sector of "people" (civilians); the followed one's sector is not
    theirs ("supporters of the president" are no government)."""
    if doc[h].tag_ not in {"NNS", "NNPS"} or state.mention_at(h):
        return None
    sector = argument_words().people_sector
    # "supporters of the jailed opposition leader": the opposition's supporters are
    # opposition (CAMEO OPP); no other sector passes to its followers
    followed = [
        g
        for c in px.kids[h]
        if px.dep[c] == "prep" and px.lower[c] == "of"
        for g in px.kids[c]
        if px.dep[g] == "pobj"
    ]
    followed += [c for c in px.kids[h] if c < h and px.dep[c] in {"compound", "amod"}]
    for g in followed:
        pre = f"{px.lemma[g - 1]} {px.lemma[g]}" if g > 0 and px.head[g - 1] == g else ""
        role = (roles().get(pre) if pre else None) or roles().get(px.lemma[g])
        if role is not None and role.sector == "OPP":
            sector = "OPP"
    span = doc[h : h + 1]
    ent = state.new_entity(span.text, "GROUP", sector=sector, plural=True)
    ent.rule.append(f"events: '{span.text}' named by whom they follow ({sector})")
    return _with_collective_mention(state, ent, span, h)


def subject_tokens(verb: Token, depth: int = 0) -> tuple[list[Token], str]:
    """The subject of `verb` (own or inherited) and the path that found it."""
    px = token_table(verb.doc)
    ids, path = subject_ids(px, verb.i, depth)
    doc = px.doc
    return [doc[j] for j in ids], path


def subject_ids(px: TokenTable, i: int, depth: int = 0) -> tuple[list[int], str]:
    """`subject_tokens` on token indices (cached per document)."""
    key = (i, depth)
    cache = px.memo("subjects")
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = _subject_ids(px, i, depth)
    return hit


_VERBAL = frozenset({"VERB", "AUX"})


def _subject_ids(px: TokenTable, i: int, depth: int) -> tuple[list[int], str]:
    dep_, pos, kids = px.dep, px.pos, px.kids
    for c in kids[i]:
        if dep_[c] in SUBJ_DEPS:
            return px.conjuncts(c), dep_[c]
    if depth > 4:
        return [], ""
    head = px.head[i]
    if head == i:
        return [], ""
    dep = dep_[i]
    if dep == "conj":
        toks, path = subject_ids(px, head, depth + 1)
        return toks, f"conj>{path}" if toks else ""
    if dep in {"xcomp", "ccomp", "advcl", "pcomp", "acl"} and pos[head] in _VERBAL:
        if dep in {"xcomp", "ccomp"} and px.lemma[head] in argument_words().object_control:
            for c in kids[head]:
                if dep_[c] in OBJ_DEPS:
                    return px.conjuncts(c), f"object of {px.doc[head].lemma_}"
        toks, path = subject_ids(px, head, depth + 1)
        return toks, f"{dep}>{path}" if toks else ""
    if dep == "pcomp" and dep_[head] == "prep":
        hh = px.head[head]
        toks, path = subject_ids(px, hh, depth + 1) if pos[hh] in _VERBAL else ([], "")
        return toks, f"pcomp>{path}" if toks else ""
    if dep == "xcomp" and pos[head] == "ADJ" and pos[px.head[head]] in _VERBAL:
        toks, path = subject_ids(px, px.head[head], depth + 1)
        return toks, f"adj-xcomp>{path}" if toks else ""
    if dep in {"relcl", "acl"} and pos[head] in {"NOUN", "PROPN"}:
        return [head], dep
    return [], ""


def passive_parts(verb: Token) -> tuple[list[Token], list[Token]]:
    """(patients, agents) of a passive verb: "were struck by Israel"."""
    px = token_table(verb.doc)
    doc = px.doc
    patients, agents = passive_part_ids(px, verb.i)
    return [doc[j] for j in patients], [doc[j] for j in agents]


def passive_part_ids(px: TokenTable, i: int) -> tuple[list[int], list[int]]:
    """`passive_parts` on token indices."""
    patients: list[int] = []
    agents: list[int] = []
    dep, kids = px.dep, px.kids
    for c in kids[i]:
        if dep[c] in PASS_SUBJ_DEPS:
            patients.extend(px.conjuncts(c))
        elif dep[c] == "agent":
            for g in kids[c]:
                if dep[g] == "pobj":
                    agents.extend(px.conjuncts(g))
    return patients, agents


def prep_objects(head: Token, preps: Iterable[str]) -> list[tuple[str, Token]]:
    """(preposition, object) pairs under `head` for the given prepositions."""
    px = token_table(head.doc)
    doc = px.doc
    return [(prep, doc[j]) for prep, j in prep_object_ids(px, head.i, preps)]


def prep_object_ids(px: TokenTable, i: int, preps: Iterable[str] | None) -> list[tuple[str, int]]:
    """`prep_objects` on token indices (`preps` None: every preposition)."""
    wanted = preps if preps is None or isinstance(preps, (set, frozenset)) else set(preps)
    pairs: list[tuple[str, int]] = []
    dep, lower, kids = px.dep, px.lower, px.kids
    for c in kids[i]:
        if (dep[c] == "prep" or (dep[c] == "dative" and px.pos[c] == "ADP")) and (
            wanted is None or lower[c] in wanted
        ):
            for g in kids[c]:
                if dep[g] == "pobj":
                    prep = lower[c]
                    for t in px.conjuncts(g):  # a loop: a generator would hold cells
                        pairs.append((prep, t))
    return pairs


def sentence_start(token: Token) -> int:
    """Index of the first token of `token`'s sentence (cheaper than ``token.sent``)."""
    return token_table(token.doc).sent_bounds(token.i)[0]


def sentence_end(token: Token) -> int:
    """Index of the last token of `token`'s sentence."""
    return token_table(token.doc).sent_bounds(token.i)[1] - 1


def resolve_pronoun(state: Analysis, token: Token) -> list[EntityState]:
    """Unresolved pronoun subject: the subject of the clause that governs it ("X said it ...")."""
    px = token_table(token.doc)
    i = token.i
    low, tdep = px.lower[i], px.dep[i]
    if low not in argument_words().pronouns and tdep != "poss":
        return []
    start = sentence_start(token)
    if tdep == "poss":
        # "its elimination of ...": the nearest preceding entity of a fitting kind
        person = low in {"his", "her"}
        for j in range(i - 1, start - 1, -1):
            ent = state.entity_at(j)
            if ent is not None and (ent.type == "PERSON") == person:
                return [ent]
        return []
    head, kids, dep = px.head, px.kids, px.dep
    clause = head[i]
    for _ in range(4):
        if head[clause] == clause:
            break  # the root: no governing clause above it
        clause = head[clause]
        for c in kids[clause]:
            if dep[c] in SUBJ_DEPS and c != i:
                hits = _np_entities(state, px, c, False, 0)
                if hits:
                    return hits
    # the nearest preceding entity of the sentence
    for j in range(i - 1, start - 1, -1):
        ent = state.entity_at(j)
        if ent is not None and ent.type not in {"DATE"}:
            return [ent]
    return []


_ENRICHED_KEY = ("dossier_events", "enriched")


def enriched(doc: Doc) -> set[str]:
    """Ids of the entities `enrich_country` looked at in `doc` (kept on the Doc; the events
    component starts it afresh)."""
    user_data: dict[Any, Any] = doc.user_data
    seen = user_data.get(_ENRICHED_KEY)
    if seen is None:
        seen = user_data[_ENRICHED_KEY] = set()
    assert isinstance(seen, set)
    return seen


def reset_enriched(doc: Doc) -> None:
    user_data: dict[Any, Any] = doc.user_data
    user_data[_ENRICHED_KEY] = set()


_COUNTRY_MENTION_KINDS = frozenset({"name", "alias", "collective", "description", "title"})
_MODIFIER_BEFORE_DEPS = frozenset({"compound", "amod", "nmod"})


def enrich_country(state: Analysis, doc: Doc, ent: EntityState) -> None:
    """An entity without a country whose own name holds a nationality ("Bosnian Serbs",
    "the Fijian rebels") gets that country."""
    if ent.country is not None or ent.type == "GPE":
        return
    seen = enriched(doc)
    if ent.id in seen:
        return
    seen.add(ent.id)
    px = token_table(doc)
    dep, kids, lower, n = px.dep, px.kids, px.lower, px.n
    markers = ethnic_markers()
    # `token_country` and `pair_country`'s caches, read here first: every token of every
    # mention is asked about
    countries, pairs = px.memo("country"), px.memo("pair country")
    for mention in ent.mentions:
        if mention.kind not in _COUNTRY_MENTION_KINDS:
            continue
        tokens = list(range(mention.tok_start, mention.tok_end))
        head_i = mention.head if 0 <= mention.head < n else mention.tok_end - 1
        # modifiers just before the mention: "British Defence Secretary Tom King"
        for i in range(mention.tok_start, mention.tok_end):
            for c in kids[i]:
                if c < mention.tok_start and dep[c] in _MODIFIER_BEFORE_DEPS:
                    tokens.extend(px.subtree(c))
        several = mention.tok_end - mention.tok_start > 1
        for i in tokens:
            if several and i == mention.head:
                continue
            if i > 0 and lower[i - 1] in markers:
                continue  # "ethnic Albanians": an ethnicity, not a nationality
            country = countries[i] if i in countries else token_country(px, i)
            if not country and i + 1 < n:  # "Sri Lankan", "South African"
                country = pairs[i] if i in pairs else pair_country(px, i)
            if country:
                ent.country = country
                ent.rule.append(f"events: country from '{px.words[i]}' in or before its name")
                return
        # "Lebanon's new President Elias Hrawi", "its troops" (the possessor's country)
        for c in kids[head_i]:
            if c >= head_i or dep[c] != "poss":
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
        for _, pobj in prep_object_ids(px, head_i, argument_words().origin_preps):
            place = state.entity_at(pobj)
            if place is None:
                # "the government of Sindh province", "police in Kano state": the place is the
                # compound before a place noun
                place = _compound_entity(state, px, pobj)
            if place is not None and place.type in {"GPE", "LOC"} and place.country:
                ent.country = place.country
                ent.rule.append(f"events: country from where it is ('{px.words[pobj]}')")
                return


def _compound_entity(state: Analysis, px: TokenTable, i: int) -> EntityState | None:
    """The entity of the first compound before token `i` that is in one."""
    dep = px.dep
    for c in px.kids[i]:
        if c < i and dep[c] == "compound":
            found = state.entity_at(c)
            if found is not None:
                return found
    return None


SECTOR_TYPES = frozenset({"NORP", "ORG", "GROUP"})


def enrich_sector(state: Analysis, doc: Doc, ent: EntityState) -> None:
    """A group or organisation without a sector whose name ends in a role noun ("Jihadists",
    "the rebel group", "Islamist militants") gets the role's sector (roles.yaml), as an event
    argument."""
    if ent.sector is not None or ent.type not in SECTOR_TYPES:
        return
    px = token_table(doc)
    table = roles()
    for mention in ent.mentions:
        if mention.kind not in {"name", "alias", "collective", "description"}:
            continue
        role = None
        # the mention's head ("armed men on motorcycles"), else its last word
        heads = [mention.head, mention.tok_end - 1]
        for last in dict.fromkeys(
            h for h in heads if mention.tok_start <= h < mention.tok_end and h < len(px.lemma)
        ):
            lemma = px.lemma[last]
            two = f"{px.lemma[last - 1]} {lemma}" if last > mention.tok_start else ""
            role = table.get(two) or table.get(lemma) or table.get(px.lower[last])
            if role is None and px.tag[last] == "NNPS" and lemma.endswith("s"):
                # "Rebels attacked ...": a capitalised plural the tagger took for a name
                # keeps its plural lemma
                role = table.get(lemma[:-1])
            if role is not None and role.sector is not None:
                break
        if role is None or role.sector is None:
            words = argument_words()
            lemma = px.lemma[mention.head] if 0 <= mention.head < len(px.lemma) else ""
            generic = (
                (
                    words.generic_sectors.get(lemma)
                    or (words.people_sector if lemma in words.bare_quantities else None)
                )
                if (mention.tok_start <= mention.head < mention.tok_end)
                else None
            )
            if generic is None and ent.role is None and _people_of_a_nation(px, mention):
                # "Palestinians threw stones", "Nigerians marched": a people named by its
                # nationality alone, with no other role, is civilians as "people" are
                generic = words.people_sector
            if generic is not None and ent.type == "GROUP":
                ent.sector = generic
                ent.rule.append(
                    f"events: sector {generic} of the collective '{px.words[mention.head]}'"
                )
                return
            continue
        if role.kind == "org" and mention.kind in {"name", "alias"}:
            continue  # "European Union", "Security Council": a name, not the role noun
        ent.sector = role.sector
        ent.rule.append(f"events: sector {role.sector} of the role noun '{px.words[last]}'")
        return


def _people_of_a_nation(px: TokenTable, mention: Mention) -> bool:
    """Whether `mention` is a plural demonym alone ("Palestinians", "Nigerians")."""
    h = mention.head
    return (
        mention.tok_end - mention.tok_start == 1
        and 0 <= h < len(px.words)
        and px.tag[h] in {"NNS", "NNPS"}
        and country_index().demonym(px.words[h]) is not None
    )


def _pair_text(px: TokenTable, i: int) -> str:
    """`doc[i : i + 2].text`: two tokens with the space between them."""
    return px.text[px.idx[i] : px.idx[i + 1] + len(px.words[i + 1])]


def tokens_entities(state: Analysis, tokens: Iterable[Token], *, create: bool = True) -> list[str]:
    """Entity ids for argument head tokens (pronouns resolved when coref left them bare)."""
    toks = tokens if isinstance(tokens, list) else list(tokens)
    if not toks:
        return []
    return ids_entities(state, token_table(toks[0].doc), [t.i for t in toks], create=create)


def ids_entities(
    state: Analysis, px: TokenTable, indices: list[int], *, create: bool = True
) -> list[str]:
    """`tokens_entities` on token indices (a Token is built only for a pronoun)."""
    ids: list[str] = []
    doc = px.doc
    pos = px.pos
    for i in indices:
        ents = _np_entities(state, px, i, create, 0)
        if not ents and pos[i] == "PRON":
            ents = resolve_pronoun(state, doc[i])
        for ent in ents:
            # (their first checks, read here: most entities need neither)
            if ent.country is None and ent.type != "GPE":
                enrich_country(state, doc, ent)
            if ent.sector is None and ent.type in SECTOR_TYPES:
                enrich_sector(state, doc, ent)
            if ent.id not in ids:
                ids.append(ent.id)
    return ids
