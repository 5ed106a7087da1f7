"""The words of ``events/_shared.yaml`` the event argument finder reads (``event_args``):
collective and singular actors, generic collectives, victims, force assets, places of
civilians, the roles that take their body's sector and the types of local actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dossier.knowledge.resources import load_yaml, word_set


@dataclass(frozen=True)
class ArgumentWords:
    """The words of ``events/_shared.yaml`` the argument finder reads."""

    object_control: frozenset[str]  # "allowed Iran to use": the object is the complement's subject
    pronouns: frozenset[str]  # stand for an actor named elsewhere
    origin_preps: frozenset[str]  # "demonstrators in X": where a collective actor is from
    inner_agent_preps: frozenset[str]  # "calls by X": the agent of an event noun
    inner_preps: frozenset[str]  # "the removal of X": its other arguments
    collective_actors: frozenset[str]  # "the police", "an angry mob": actors with no name
    singular_actors: frozenset[str]  # "a gunman", "a suicide bomber": one actor with no name
    # "hundreds of people", "youths": the sector of generic collectives as event arguments
    generic_sectors: dict[str, str]
    # the sector of "people" in `generic_sectors` (civilians): unnamed people acted upon
    people_sector: str | None
    # "dozens were arrested", "thousands marched": a bare number of people
    bare_quantities: frozenset[str]
    # "a man was stabbed", "police shot two men": people named by sex or age as the one acted on
    victim_nouns: frozenset[str]
    # "supporters of X": people named by whom they follow (a civilian collective)
    follower_nouns: frozenset[str] = frozenset()
    # "attacked a police station": what a force holds stands for the force (noun -> its own
    # sector or None: the sector comes from the modifier's role noun)
    force_assets: dict[str, str | None] = field(default_factory=dict)
    # "gunmen raided a village": places of civilians whose people an attack harms
    civilian_places: frozenset[str] = frozenset()
    civilian_place_types: frozenset[str] = frozenset()
    victim_verbs: frozenset[str] = frozenset()  # "..., killing 15 residents": the victims
    # "a separatist leader", "a union leader": roles with the sector of the body they lead
    body_roles: frozenset[str] = frozenset()
    # "police fired on protesters ... in Harare": types whose unnamed actors are local
    local_actor_types: frozenset[str] = frozenset()


@cache
def argument_words() -> ArgumentWords:
    data = load_yaml("events/_shared.yaml")
    inner = data.get("inner_event") or {}
    assets = data.get("force_assets") or {}
    places = data.get("civilian_places") or {}

    def words(section: dict[str, Any], key: str) -> frozenset[str]:
        return word_set(section, key, "events/_shared.yaml")

    generic = {str(k).lower(): str(v) for k, v in (data.get("generic_collectives") or {}).items()}
    return ArgumentWords(
        object_control=words(data, "object_control_verbs"),
        pronouns=words(data, "argument_pronouns"),
        origin_preps=words(data, "collective_origin_preps"),
        inner_agent_preps=words(inner, "agent_preps"),
        inner_preps=words(inner, "preps"),
        collective_actors=words(data, "collective_actors"),
        singular_actors=words(data, "singular_actors"),
        generic_sectors=generic,
        people_sector=generic.get("people"),
        bare_quantities=words(data, "bare_quantities"),
        victim_nouns=words(data, "victim_nouns"),
        follower_nouns=words(data, "follower_nouns"),
        force_assets={
            **{w: None for w in words(assets, "nouns")},
            **{str(k).lower(): str(v) for k, v in (assets.get("own_sector") or {}).items()},
        },
        civilian_places=words(places, "nouns"),
        civilian_place_types=frozenset(str(t) for t in places.get("types") or []),
        victim_verbs=words(places, "victim_verbs"),
        body_roles=words(data, "sector_of_their_body"),
        local_actor_types=frozenset(str(t) for t in data.get("local_actor_types") or []),
    )
