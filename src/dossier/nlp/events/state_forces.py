"""A state named as the actor of an attack by military means is its armed forces.

"An Xish drone strike hit ...", "X launched air strikes on ...", "X shelled ...": the source
named by a country or nationality with no sector of its own becomes a GROUP of that country
with the sector of `state_forces` (events/_shared.yaml: MIL, with the means and their
provenance). The country's own entity is left as it is (its other acts, diplomatic or
economic, stay the state's); the new GROUP shares the country word's characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from dossier.knowledge.countries import country_index
from dossier.knowledge.resources import load_yaml, word_set
from dossier.nlp.state import Analysis, EntityState, Mention
from dossier.nlp.tokens import TokenTable

# the entity types a country or nationality comes as (spaCy's GPE and NORP)
COUNTRY_TYPES = frozenset({"GPE", "NORP"})
# dependencies of a country word on the noun it modifies ("Xish shelling", "X's strikes")
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
# prepositions whose object is the actor of the noun they hang on ("strikes by X")
_AGENT_PREPS = frozenset({"by", "from"})


@dataclass(frozen=True)
class StateForces:
    sector: str | None
    types: frozenset[str]  # the event types whose means these are (PLOVER ASSAULT)
    nouns: frozenset[str]  # lemmas, two-word ones modifier first
    verbs: frozenset[str]


@cache
def state_forces_words() -> StateForces:
    data = load_yaml("events/_shared.yaml").get("state_forces") or {}
    source = "events/_shared.yaml"
    sector = data.get("sector")
    return StateForces(
        sector=str(sector) if sector else None,
        types=frozenset(str(t) for t in data.get("types") or []),
        nouns=word_set(data, "nouns", source),
        verbs=word_set(data, "verbs", source),
    )


def _means_at(px: TokenTable, i: int, words: StateForces) -> str | None:
    """The military means token `i` names ("shelled", "air strikes"), or None."""
    lemma = px.lemma[i]
    if px.pos[i] == "VERB":
        return lemma if lemma in words.verbs else None
    if px.pos[i] not in {"NOUN", "PROPN"}:
        return None
    for c in px.kids[i]:
        if c < i and px.dep[c] in {"compound", "amod"}:
            two = f"{px.lemma[c]} {lemma}"
            if two in words.nouns:
                return two
    return lemma if lemma in words.nouns else None


def _modified_noun(px: TokenTable, i: int) -> int | None:
    """The noun country word `i` names the actor of: "Xish shelling", "strikes by X"."""
    up = px.head[i]
    if up == i:
        return None
    if px.dep[i] in _MODIFIER_DEPS:
        return up
    if px.dep[i] == "pobj" and px.lower[up] in _AGENT_PREPS and px.head[up] != up:
        return px.head[up]
    return None


def _country_mention(px: TokenTable, ent: EntityState, sent: Span) -> tuple[Mention, str] | None:
    """`ent`'s mention in `sent` that names its country alone ("X", "Xish"), with the country."""
    index = country_index()
    for m in ent.mentions:
        if not (sent.start <= m.tok_start and m.tok_end <= sent.end):
            continue
        text = px.text[m.start : m.end]
        iso3 = index.lookup(text) or index.demonym(text)
        if iso3 is not None and iso3 == ent.country:
            return m, iso3
    return None


def state_forces(
    state: Analysis,
    px: TokenTable,
    sent: Span,
    trigger: list[Token],
    sources: list[str],
    type_: str,
) -> tuple[list[str], str | None]:
    """The sources of an event of `type_` (`types`: an attack, not a condemnation or a
    threat of one) with each country that acts by military means (the trigger's words or
    the noun the country word modifies) made its armed forces, and a rule when any is."""
    words = state_forces_words()
    if words.sector is None or type_ not in words.types:
        return sources, None
    candidates = [
        (k, ent)
        for k, i in enumerate(sources)
        if (ent := state.entities.get(i)) is not None
        and ent.sector is None
        and ent.type in COUNTRY_TYPES
        and ent.country
    ]
    if not candidates:
        return sources, None
    at = {t.i for t in trigger}
    in_trigger = next((w for i in at if (w := _means_at(px, i, words))), None)
    out = list(sources)
    why: list[str] = []
    made = px.memo("state forces")
    for k, ent in candidates:
        found = _country_mention(px, ent, sent)
        if found is None:
            continue
        mention, iso3 = found
        means = in_trigger
        noun = _modified_noun(px, mention.head) if mention.head >= 0 else None
        if means is None and noun is not None and (noun in at or px.head[noun] in at):
            # the noun is the trigger's or one of its arguments ("Xish missiles struck"),
            # not a word of another clause ("X's missiles could not ...")
            means = _means_at(px, noun, words)
        forces = made.get(mention.tok_start)
        word = px.text[mention.start : mention.end]
        if means is not None:
            why.append(f"'{word}' by {means}: its armed forces")
            if forces is None:
                forces = made[mention.tok_start] = _forces_of(
                    state, mention, iso3, words.sector, means
                )
        elif forces is not None:
            # the same state's attack by military means in this sentence ("X shelled the
            # town, wounding ...": the participle's actor is the same forces)
            why.append(f"'{word}' as in the attack before: its armed forces")
        else:
            continue
        out[k] = forces.id
    return out, ("state forces: " + "; ".join(why)) if why else None


def _forces_of(
    state: Analysis, mention: Mention, iso3: str, sector: str, means: str
) -> EntityState:
    """A GROUP for the armed forces of `iso3`, on the characters of its country word (shared
    with the country's own entity, which keeps them)."""
    ent = state.new_entity(
        f"armed forces of {country_index().name(iso3)}",
        "GROUP",
        country=iso3,
        sector=sector,
        plural=True,
    )
    ent.mentions.append(
        Mention(
            start=mention.start,
            end=mention.end,
            tok_start=mention.tok_start,
            tok_end=mention.tok_end,
            kind="collective",
            entity=ent.id,
            head=mention.head,
        )
    )
    ent.rule.append(f"events: the state that attacks by {means} is its armed forces ({sector})")
    return ent
