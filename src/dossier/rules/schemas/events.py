"""The event rule files: ``events/<TYPE>.yaml`` (one per PLOVER type) and ``events/_shared.yaml``.

A type file lists the patterns that code one PLOVER type. Every pattern has an ``id``, says where
its words come from (``provenance``: the PLOVER/CAMEO definition, a general lexicon, a pattern
that recurs across news) and carries ``examples``: sentences written for Dossier with the event
they must give (``expect: {type: ASSAULT, source: ..., target: ...}``) or ``expect: none`` (no
event of the file's type: a non-political sense of the same words).

The checks here run at load time (the events component refuses a file that fails them) and in
``dossier rules check``: the schema, a word claimed by two patterns, a CAMEO code that the
project's CAMEO->PLOVER mapping (``plover.yaml``) gives to another type, a mode the type does
not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dossier.knowledge.resources import DATA_DIR, data_dirs
from dossier.rules.loader import RuleFile, RulesError, load_rule_file

if TYPE_CHECKING:
    from dossier.analyzer import Analyzer

TYPE_GLOB = "events/[A-Z]*.yaml"
SHARED = "events/_shared.yaml"
ROLE_SLOTS = re.compile(r"^(subject|object|passive_subject|possessive|prep_[a-z]+)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expect(_Strict):
    """What a sentence must give: an event of `type`, with these source/target/trigger words."""

    type: str
    source: str | None = None  # text of one source actor (a name or a mention)
    target: str | None = None
    trigger: str | None = None  # text the trigger span contains
    negated: bool | None = None
    hypothetical: bool | None = None


class Example(_Strict):
    text: str = Field(min_length=3)
    expect: Literal["none"] | Expect


class PatternRule(_Strict):
    """One pattern: the words that express one (type, mode, CAMEO code) and how roles map."""

    id: str = Field(pattern=r"^[a-z]+(\.[a-z0-9_]+)+$")
    mode: str | None = None
    cameo: str = Field(pattern=r"^\d{2,4}$")
    # why a CAMEO code the mapping gives to another type is right here anyway
    cameo_exception: str | None = None
    confidence: float = Field(0.6, gt=0, le=1)
    verbs: list[str] = Field(default_factory=list)  # lemmas ("strike" matches "struck")
    nouns: list[str] = Field(default_factory=list)  # lemmas, modifier first ("air strike")
    phrases: list[str] = Field(default_factory=list)  # verb + particle/object/prep ("open fire")
    roles: dict[str, Literal["source", "target", "theme"]] = Field(default_factory=dict)
    target_preps: list[str] | None = None  # default: `target_preps` of events/_shared.yaml
    requires: list[Literal["source", "target"]] = Field(default_factory=list)
    object_only: bool = False  # a noun that is an event only as a light verb's object
    instrument_preps: list[str] = Field(default_factory=list)
    not_with_question: bool = False
    # a past participle modifying a noun ("troops backed by X", "armed men") describes the
    # noun: no event of this pattern
    not_as_participle: bool = False
    # nouns (lemmas, modifier first) whose presence as the verb's subject asserts the event
    # with no actor named: the weapon itself ("a roadside bomb exploded near the market")
    asserted_by_subject: list[str] = Field(default_factory=list)
    # the words are this event only when `asserted_by_subject` holds: "a rocket landed on a
    # school" is an attack, "the president landed in Paris" is not
    asserted_only: bool = False
    # prepositions whose phrase on the verb (or on the phrase's noun) gives a reason, which
    # makes the words no event of this pattern: "came under fire for his remarks" / "over the
    # plan" is criticism (a phrase of time, "for two hours", does not count)
    not_with_preps: list[str] = Field(default_factory=list)
    # actor sectors (roles.yaml codes) of a source that make the words no event of this
    # pattern: "police came under fire from lawmakers" is criticism, "... from gunmen" is not
    not_by_sectors: list[Annotated[str, Field(pattern="^[A-Z]{3}$")]] = Field(default_factory=list)
    # the words themselves state that the event happened, with no actor named: the idiom of
    # undergoing ("the town came under rocket fire")
    asserts: bool = False
    # nouns (lemmas, modifier first) whose presence as the cause makes it no event of this
    # pattern: the verb's subject, its "by" agent or an instrument ("floods killed 20 people",
    # "were injured in an earthquake"): natural and accidental causes
    not_by_cause: list[str] = Field(default_factory=list)
    # role nouns (roles.yaml) one of whose the source must have: "protesters gathered outside
    # the ministry" is a protest, "leaders gathered in Rome" is not
    source_roles: list[str] = Field(default_factory=list)
    # what is acted on must be people: an actor found as the target, or a verb's object that
    # names people (person and group role nouns, `people_seized.people`, victim nouns)
    people_only: bool = False
    # verbs of a purpose clause that make the event one of this pattern whoever does it:
    # "nurses gathered outside the ministry to demand higher pay" is a demonstration
    purpose_verbs: list[str] = Field(default_factory=list)
    # nouns of a "for" phrase that state the same purpose: "farmers gathered for a rally"
    purpose_nouns: list[str] = Field(default_factory=list)
    # contexts of events/_shared.yaml (`contexts:`) in which these words are not this event
    not_in_context: list[str] = Field(default_factory=list)
    replaces: str | None = None  # a user pattern that takes the place of a packaged one
    provenance: str = Field(min_length=10)
    examples: list[Example] = Field(min_length=1)

    @field_validator("roles")
    @classmethod
    def _slots(cls, roles: dict[str, str]) -> dict[str, str]:
        for slot in roles:
            if not ROLE_SLOTS.match(slot):
                raise ValueError(
                    f"unknown role slot {slot!r} (subject, object, passive_subject, "
                    "possessive, prep_<word>)"
                )
        return roles

    @field_validator(
        "verbs",
        "nouns",
        "phrases",
        "target_preps",
        "instrument_preps",
        "asserted_by_subject",
        "not_with_preps",
        "not_by_cause",
        "source_roles",
        "purpose_verbs",
    )
    @classmethod
    def _lower(cls, words: list[str] | None) -> list[str] | None:
        return None if words is None else [w.lower() for w in words]

    def claimed_words(self) -> list[tuple[str, str, int]]:
        """(table, key, index in its list) of every word this pattern claims."""
        return [
            (table, key, i)
            for table, words in (("verbs", self.verbs), ("nouns", self.nouns))
            for i, key in enumerate(words)
        ] + [("phrases", key, i) for i, key in enumerate(self.phrases)]


class EventTypeFile(_Strict):
    """``events/<TYPE>.yaml``."""

    type: str
    # every event of this type needs an actor (a source or a target): the type names what
    # actors do to each other, and words like "hit" or "fell" without one are other senses
    requires_actor: bool = False
    patterns: list[PatternRule] = Field(default_factory=list)


class ReversalSpec(_Strict):
    type: str
    cameo: str
    mode: str | None = None
    of: list[str] = Field(default_factory=list)


class FallbackTarget(_Strict):
    stance_nouns: list[str] = Field(default_factory=list)
    fallback_preps: list[str] = Field(default_factory=list)
    purpose_marks: list[str] = Field(default_factory=list)
    concessive_preps: list[str] = Field(default_factory=list)
    opposed_prefixes: list[str] = Field(default_factory=list)
    stance_preps: list[str] = Field(default_factory=list)
    place_preps: list[str] = Field(default_factory=list)


class InnerEvent(_Strict):
    agent_preps: list[str] = Field(default_factory=list)
    preps: list[str] = Field(default_factory=list)


class Intent(_Strict):
    verbs: list[str] = Field(default_factory=list)
    desire_verbs: list[str] = Field(default_factory=list)
    accusing_cues: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    future: list[str] = Field(default_factory=list)
    backshift: list[str] = Field(default_factory=list)
    # types whose act, announced for the future or as scheduled, is coded as the act itself
    scheduled_types: list[str] = Field(default_factory=list)
    scheduling: list[str] = Field(default_factory=list)  # words of a schedule ("scheduled to")


class ModalityWords(_Strict):
    modals: list[str] = Field(default_factory=list)
    obligation: list[str] = Field(default_factory=list)
    skip_participle_modifiers: bool = True
    irrealis_verbs: list[str] = Field(default_factory=list)
    irrealis_nouns: list[str] = Field(default_factory=list)
    conditional: list[str] = Field(default_factory=list)
    question_words: list[str] = Field(default_factory=list)
    question_verbs: list[str] = Field(default_factory=list)
    hypothetical_determiners: list[str] = Field(default_factory=list)
    negations: list[str] = Field(default_factory=list)
    speech_verbs: list[str] = Field(default_factory=list)


class Context(_Strict):
    """Words that put a sentence in a non-political domain (sport results, markets ...)."""

    description: str = ""
    words: list[str] = Field(default_factory=list)  # noun lemmas
    scores: bool = False  # a score such as "5-0" or "4-1"


class CrowdViolence(_Strict):
    """Violence whose actor is a crowd is a riot (CAMEO 145, PLOVER PROTEST mode riot)."""

    roles: list[str] = Field(default_factory=list)  # role nouns (roles.yaml) of a crowd
    types: list[str] = Field(default_factory=list)  # the types such an actor's act becomes a riot
    not_modes: list[str] = Field(default_factory=list)  # modes no crowd uses (missiles, air)
    # sectors of the forces whose being attacked by civilians (generic_collectives: youths,
    # residents) makes the civilians' violence a riot ("youths threw stones at the police")
    civilians_against: list[str] = Field(default_factory=list)
    type: str = "PROTEST"
    mode: str | None = "riot"
    cameo: str = Field("145", pattern=r"^\d{2,4}$")
    provenance: str = Field(min_length=10)


class CrowdDissent(_Strict):
    """A demand or denunciation whose actor is a crowd of protesters is their protest (CAMEO
    141, PLOVER PROTEST mode demonstrate)."""

    roles: list[str] = Field(default_factory=list)  # role nouns (roles.yaml) of protesters
    types: list[str] = Field(default_factory=list)  # the types such an actor's act becomes
    type: str = "PROTEST"
    mode: str | None = "demonstrate"
    cameo: str = Field("141", pattern=r"^\d{2,4}$")
    provenance: str = Field(min_length=10)


class CrowdRepression(_Strict):
    """Force used against a crowd by security forces is repression (CAMEO 175)."""

    source_sectors: list[str] = Field(default_factory=list)  # sectors of the forces
    types: list[str] = Field(default_factory=list)  # the types such an act becomes repression
    not_modes: list[str] = Field(default_factory=list)  # modes that stay what they are
    # types whose ending by the forces is repression too ("police broke up a protest")
    reversal_of: list[str] = Field(default_factory=list)
    type: str = "COERCE"
    mode: str | None = None
    cameo: str = Field("175", pattern=r"^\d{2,4}$")
    provenance: str = Field(min_length=10)


class SeizedAct(_Strict):
    type: str
    mode: str | None = None
    cameo: str = Field(pattern=r"^\d{2,4}$")


class PeopleSeized(_Strict):
    """Seizing people is no seizure of property: by the state's forces an arrest (CAMEO 173),
    by anyone else an abduction (CAMEO 181)."""

    modes: list[str] = Field(default_factory=list)  # COERCE modes it applies to (seize)
    people: list[str] = Field(default_factory=list)  # nouns of people beyond roles.yaml
    state_sectors: list[str] = Field(default_factory=list)
    by_state: SeizedAct
    by_others: SeizedAct
    provenance: str = Field(min_length=10)


class LabourStrike(_Strict):
    """ "Teachers strike over pay": the verb of attack whose actors are working people, not an
    armed force, with no actor struck, is a labour strike (CAMEO 143)."""

    verbs: list[str] = Field(default_factory=list)
    not_sectors: list[str] = Field(default_factory=list)  # armed forces, governments
    type: str = "PROTEST"
    mode: str | None = "strike"
    cameo: str = Field("143", pattern=r"^\d{2,4}$")
    provenance: str = Field(min_length=10)


class ProtestPurpose(_Strict):
    """ "Traders shut their shops to protest the tax": an act of restriction or refusal done
    in protest by people who are no state force is a protest (CAMEO 140)."""

    verbs: list[str] = Field(default_factory=list)  # purpose verbs: protest, demonstrate
    from_types: list[str] = Field(default_factory=list)  # COERCE, REJECT
    not_sectors: list[str] = Field(default_factory=list)  # armed forces, governments
    type: str = "PROTEST"
    mode: str | None = "demonstrate"
    cameo: str = Field("140", pattern=r"^\d{2,4}$")
    provenance: str = Field(min_length=10)


class VictimDeaths(_Strict):
    """ "Four soldiers died in an ambush": a death in an attack asserts the attack and the dead
    are its target."""

    verbs: list[str] = Field(default_factory=list)  # lemmas: die, perish
    preps: list[str] = Field(default_factory=list)  # in, during
    types: list[str] = Field(default_factory=list)  # the event types of the noun (ASSAULT)
    not_nouns: list[str] = Field(default_factory=list)  # nouns accidents share ("blast")
    provenance: str = Field(min_length=10)


class AttackEffects(_Strict):
    """ "A grenade attack left three dead", "a drone attack hit a depot", "shops were looted":
    an attack stated by what it did, or in the agentless passive, is asserted."""

    types: list[str] = Field(default_factory=list)  # the event types of the noun (ASSAULT)
    result_verbs: list[str] = Field(default_factory=list)  # lemmas: leave, claim
    result_words: list[str] = Field(default_factory=list)  # dead, injured, life
    not_nouns: list[str] = Field(default_factory=list)  # nouns accidents share ("blast")
    passive_verbs: list[str] = Field(default_factory=list)  # verb lemmas or phrase keys
    provenance: str = Field(min_length=10)


class AttackParts(_Strict):
    """Acts told in the sentence of an attack by the same actor that are part of it."""

    of: list[str] = Field(default_factory=list)  # the attack types
    types: list[str] = Field(default_factory=list)  # the types that are then no event of their own
    provenance: str = Field(min_length=10)


class Obligation(_Strict):
    """ "X said Y must do Z": a demand of X on Y whatever Z is (CAMEO 10, PLOVER REQUEST)."""

    type: str = "REQUEST"
    mode: str | None = "demand"
    cameo: str = Field("100", pattern=r"^\d{2,4}$")
    confidence: float = Field(0.65, gt=0, le=1)
    provenance: str = Field(min_length=10)


class EventRelation(_Strict):
    types: list[str]
    relation: str
    min: int = 1


class ForceAssets(_Strict):
    """ "Attacked a police station", "overran an army base": what a force holds stands for the
    force (the modifier's role noun gives its sector; `own_sector` nouns name it alone)."""

    nouns: list[str] = Field(default_factory=list)
    own_sector: dict[str, Annotated[str, Field(pattern=r"^[A-Z]{3}$")]] = Field(
        default_factory=dict
    )


class StateForces(_Strict):
    """ "X launched air strikes", "Xish shelling killed ...": a country or nationality that
    attacks by these means is its armed forces (`sector`), as an event's source."""

    sector: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    types: list[str] = Field(min_length=1)
    nouns: list[str] = Field(default_factory=list)
    verbs: list[str] = Field(default_factory=list)
    provenance: str = Field(min_length=10)


class CivilianPlaces(_Strict):
    """ "Gunmen raided a village": the people of an attacked place of civilians are the
    target (the victims a participle names first: "..., killing 15 residents")."""

    types: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    victim_verbs: list[str] = Field(default_factory=list)
    provenance: str = Field(min_length=10)


class SharedFile(_Strict):
    """``events/_shared.yaml``: the words every pattern shares."""

    target_preps: list[str] = Field(default_factory=list)
    light_verbs: list[str] = Field(default_factory=list)
    container_nouns: list[str] = Field(default_factory=list)
    fallback_target: FallbackTarget = Field(default_factory=FallbackTarget)
    inner_event: InnerEvent = Field(default_factory=InnerEvent)
    object_control_verbs: list[str] = Field(default_factory=list)
    argument_pronouns: list[str] = Field(default_factory=list)
    collective_origin_preps: list[str] = Field(default_factory=list)
    collective_actors: list[str] = Field(default_factory=list)
    # role nouns of one person that as an event's argument become an actor with the role's
    # sector though unnamed ("a gunman opened fire", "killing a police officer")
    singular_actors: list[str] = Field(default_factory=list)
    # "hundreds of people", "youths": generic collectives (lemma) -> sector code, for event
    # arguments with no sector from roles.yaml
    generic_collectives: dict[str, Annotated[str, Field(pattern=r"^[A-Z]{3}$")]] = Field(
        default_factory=dict
    )
    event_place_preps: list[str] = Field(default_factory=list)
    inverse_light_verbs: list[str] = Field(default_factory=list)
    giving_light_verbs: list[str] = Field(default_factory=list)
    # verbs that only say their subject, an event noun, happened ("fighting broke out between
    # X and Y"): the noun is asserted, and the verb's prepositional phrases are the noun's
    occurrence_verbs: list[str] = Field(default_factory=list)
    # verbs of reporting whose passive subject, an event noun, happened ("fighting was
    # reported between X and Y")
    occurrence_passives: list[str] = Field(default_factory=list)
    # verbs whose subject reports or confirms an event noun object it did not do ("police
    # confirmed the killing"): the noun is asserted, the subject is no actor of it
    witness_verbs: list[str] = Field(default_factory=list)
    # participles after an event noun that name its actor: "a march organised by the unions"
    # (lemma -> the prepositions of the actor: "by", or "on" for "blamed on")
    agent_participles: dict[str, list[str]] = Field(default_factory=dict)
    # prepositions of an occurrence verb that give where or when, never an actor
    occurrence_setting_preps: list[str] = Field(default_factory=list)
    # prepositions by which an unnamed place of an event's place phrase lies ("a village near X")
    place_lies_by_preps: list[str] = Field(default_factory=list)
    # "hundreds of troops": nouns of quantity whose "of" phrase names what is counted
    quantity_nouns: list[str] = Field(default_factory=list)
    # "a man was stabbed": people named by sex or age as the one acted on
    victim_nouns: list[str] = Field(default_factory=list)
    # "dozens were arrested": plural number words alone that stand for people
    bare_quantities: list[str] = Field(default_factory=list)
    # "supporters of the former president rallied": people named by whom they follow, a
    # civilian collective when what they follow names no actor
    follower_nouns: list[str] = Field(default_factory=list)
    # "a separatist leader": role nouns whose sector is that of the body a modifier names
    sector_of_their_body: list[str] = Field(default_factory=list)
    force_assets: ForceAssets | None = None
    # types whose unnamed actors take the country of a town named in the act's sentence
    local_actor_types: list[str] = Field(default_factory=list)
    civilian_places: CivilianPlaces | None = None
    state_forces: StateForces | None = None
    crowd_violence: CrowdViolence | None = None
    crowd_repression: CrowdRepression | None = None
    crowd_dissent: CrowdDissent | None = None
    victim_deaths: VictimDeaths | None = None
    attack_effects: AttackEffects | None = None
    people_seized: PeopleSeized | None = None
    labour_strike: LabourStrike | None = None
    protest_purpose: ProtestPurpose | None = None
    attack_parts: AttackParts | None = None
    # PLOVER types of acts done to another party: a country named only as what an actor does
    # such an act to is no evidence of the actor's own country ("imposed sanctions on Cuba")
    acted_upon_types: list[str] = Field(default_factory=list)
    obligation_demand: Obligation | None = None
    reversal_verbs: list[str] = Field(default_factory=list)
    reversal: dict[Literal["cooperation", "military", "conflict"], ReversalSpec] = Field(
        default_factory=dict
    )
    intent: Intent = Field(default_factory=Intent)
    modality: ModalityWords = Field(default_factory=ModalityWords)
    contexts: dict[str, Context] = Field(default_factory=dict)
    relation_nouns: dict[str, str] = Field(default_factory=dict)
    symmetric_relations: list[str] = Field(default_factory=list)
    event_relations: list[EventRelation] = Field(default_factory=list)


FILES: dict[str, type[BaseModel]] = {TYPE_GLOB: EventTypeFile, SHARED: SharedFile}


# ----------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class LoadedPattern:
    rule: PatternRule
    type: str
    file: RuleFile[EventTypeFile]
    index: int  # position in the file's `patterns`

    def at(self, message: str, *loc: str | int) -> str:
        return self.file.at(("patterns", self.index, *loc), message)


def _label(directory: Path, path: Path) -> str:
    """Packaged files by their name under the data directory, a user's by their path."""
    return str(path.relative_to(directory)) if directory == DATA_DIR else str(path)


def type_files(dirs: list[Path] | None = None) -> list[RuleFile[EventTypeFile]]:
    """Every ``events/<TYPE>.yaml`` of every data directory, validated (packaged first)."""
    problems: list[str] = []
    files: list[RuleFile[EventTypeFile]] = []
    for directory in dirs if dirs is not None else data_dirs():
        for path in sorted(directory.glob(TYPE_GLOB)):
            try:
                files.append(load_rule_file(path, EventTypeFile, _label(directory, path)))
            except RulesError as exc:
                problems += exc.problems
    if problems:
        raise RulesError(problems)
    return files


def shared_files(dirs: list[Path] | None = None) -> list[RuleFile[SharedFile]]:
    problems: list[str] = []
    files: list[RuleFile[SharedFile]] = []
    for directory in dirs if dirs is not None else data_dirs():
        old = directory / "event_patterns.yaml"
        if old.is_file():
            # the file of earlier versions would otherwise be ignored without a word
            problems.append(
                f"{_label(directory, old)}:1: event_patterns.yaml is no longer read: put its "
                f"patterns in events/<TYPE>.yaml and its shared words in {SHARED}"
            )
        path = directory / SHARED
        if path.is_file():
            try:
                files.append(load_rule_file(path, SharedFile, _label(directory, path)))
            except RulesError as exc:
                problems += exc.problems
    if problems:
        raise RulesError(problems)
    return files


def collect_patterns(files: list[RuleFile[EventTypeFile]]) -> tuple[list[LoadedPattern], list[str]]:
    """The patterns of `files` in order (a `replaces:` entry takes its target's place), and
    the problems found across them: unknown types and modes, CAMEO codes of another type,
    ids and words claimed twice."""
    from dossier.knowledge.ontology import ontology

    onto = ontology()
    problems: list[str] = []
    loaded: list[LoadedPattern] = []
    for f in files:
        stem = f.lines.path.stem
        if f.data.type != stem:
            problems.append(f.at(("type",), f"type {f.data.type!r} in a file named {stem}.yaml"))
        if not onto.is_type(f.data.type):
            problems.append(f.at(("type",), f"unknown PLOVER type {f.data.type!r}"))
            continue
        modes = onto.type(f.data.type).modes
        for i, rule in enumerate(f.data.patterns):
            lp = LoadedPattern(rule=rule, type=f.data.type, file=f, index=i)
            if rule.replaces is not None:
                before = len(loaded)
                loaded = [p for p in loaded if p.rule.id != rule.replaces]
                if len(loaded) == before:
                    problems.append(
                        lp.at(f"replaces unknown pattern {rule.replaces!r}", "replaces")
                    )
            if rule.mode is not None and rule.mode not in modes:
                problems.append(lp.at(f"mode {rule.mode!r} is not a mode of {lp.type}", "mode"))
            mapped = onto.from_cameo(rule.cameo)[0]
            if mapped != lp.type and not rule.cameo_exception:
                problems.append(
                    lp.at(
                        f"CAMEO {rule.cameo} maps to {mapped or 'no PLOVER type'} in plover.yaml, "
                        f"not {lp.type} (fix the code or give a `cameo_exception:` reason)",
                        "cameo",
                    )
                )
            loaded.append(lp)
    problems += _claims(loaded)
    return loaded, problems


def _claims(loaded: list[LoadedPattern]) -> list[str]:
    """A pattern id, or a verb/noun/phrase, claimed by two patterns: the second would never
    be used (the words carry nothing else that tells the two apart)."""
    problems: list[str] = []
    ids: dict[str, LoadedPattern] = {}
    owners: dict[tuple[str, str], tuple[LoadedPattern, int]] = {}
    for lp in loaded:
        first = ids.setdefault(lp.rule.id, lp)
        if first is not lp:
            problems.append(lp.at(f"duplicate id {lp.rule.id!r} (also {first.at('')[:-2]})", "id"))
        for table, key, i in lp.rule.claimed_words():
            owner = owners.setdefault((table, key), (lp, i))
            if owner[0] is not lp or owner[1] != i:
                other = owner[0].at("", table, owner[1])[:-2]
                problems.append(
                    lp.at(
                        f"{table[:-1]} {key!r} is already claimed by {owner[0].rule.id} "
                        f"({other}); a word belongs to one pattern",
                        table,
                        i,
                    )
                )
    return problems


def event_rules() -> tuple[list[LoadedPattern], dict[str, Any]]:
    """The validated patterns of every layer and the merged shared settings; a RulesError
    (file and line) on any problem."""
    loaded, problems = collect_patterns(type_files())
    shared = shared_files()
    if problems:
        raise RulesError(problems)
    merged: dict[str, Any] = {}
    from dossier.knowledge.resources import load_yaml

    if shared:
        merged = load_yaml(SHARED)
    return loaded, merged


def consistency_problems() -> list[str]:
    problems: list[str] = []
    try:
        shared_files()
    except RulesError as exc:
        problems += exc.problems
    try:
        _loaded, more = collect_patterns(type_files())
    except RulesError as exc:
        return problems + exc.problems
    return problems + more


# ----------------------------------------------------------------------------- examples


def _names(record: Any, ids: list[str]) -> list[str]:
    ents = {e.id: e for e in record.entities}
    out: list[str] = []
    for i in ids:
        ent = ents.get(i)
        if ent is not None:
            out += [ent.name.lower(), *(m.text.lower() for m in ent.mentions)]
    return out


def _matches(record: Any, event: Any, expect: Expect) -> bool:
    if event.type != expect.type:
        return False
    for want, ids in ((expect.source, event.source), (expect.target, event.target)):
        if want is not None and not any(
            want.lower() in n or n in want.lower() for n in _names(record, ids)
        ):
            return False
    if expect.trigger is not None and expect.trigger.lower() not in event.trigger.text.lower():
        return False
    if expect.negated is not None and event.negated != expect.negated:
        return False
    return expect.hypothetical is None or event.hypothetical == expect.hypothetical


def _describe(record: Any, event: Any) -> str:
    src = ", ".join(_names(record, event.source)[:1]) or "-"
    tgt = ", ".join(_names(record, event.target)[:1]) or "-"
    return f"{event.type} {event.trigger.text!r} ({src} -> {tgt})"


def example_problem(analyzer: Analyzer, type_: str, example: Example) -> str | None:
    """Why `example` does not come out as declared, or None when it does."""
    record = analyzer.analyze(example.text)
    got = "; ".join(_describe(record, e) for e in record.events) or "no event"
    if example.expect == "none":
        bad = [e for e in record.events if e.type == type_]
        return f"expected no {type_} event, got {got}" if bad else None
    expect = example.expect
    if any(_matches(record, e, expect) for e in record.events):
        return None
    want = expect.model_dump(exclude_none=True)
    return f"expected {want}, got {got}"


def all_examples() -> list[tuple[LoadedPattern, int, Example]]:
    loaded, _problems = collect_patterns(type_files())
    return [(lp, i, ex) for lp in loaded for i, ex in enumerate(lp.rule.examples)]


def example_problems(analyzer: Analyzer) -> list[str]:
    problems: list[str] = []
    try:
        examples = all_examples()
    except RulesError as exc:
        return exc.problems
    for lp, i, example in examples:
        why = example_problem(analyzer, lp.type, example)
        if why is not None:
            problems.append(lp.at(f"{lp.rule.id}: example {example.text!r}: {why}", "examples", i))
    return problems
