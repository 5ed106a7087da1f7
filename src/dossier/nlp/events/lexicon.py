"""The compiled trigger tables: ``Pattern`` and ``Lexicon`` built once from the validated
rule files (``events/<TYPE>.yaml``, ``events/_shared.yaml``), and lemma guesses for verbs the
lemmatizer misreads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Token

from dossier.knowledge.ontology import ontology
from dossier.knowledge.resources import load_yaml, word_set, yaml_word
from dossier.rules.schemas.events import event_rules

SHARED = "events/_shared.yaml"  # the settings every event layer shares

NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB"})
MODIFIER_KEY_DEPS = frozenset({"compound", "amod"})
# the per-word caches below are emptied past this many words (a long run meets new words
# without end; the words of one batch fit many times over)
CACHE_MAX = 50_000


# named-entity labels whose words are names, not event nouns ("March", "Liberation Front")
NAME_LABELS = frozenset(
    {"DATE", "TIME", "PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "PRODUCT"}
)


@dataclass(frozen=True)
class Pattern:
    type: str
    mode: str | None
    cameo: str | None
    confidence: float
    roles: tuple[tuple[str, str], ...] = ()
    target_preps: frozenset[str] = frozenset()
    source: str = ""  # the yaml key that produced it, for `rule`
    requires: frozenset[str] = frozenset()  # roles that must be found ("target")
    object_only: bool = False  # a noun that is an event only as a light verb's object
    instrument_preps: frozenset[str] = frozenset()  # "died in a drone strike by ..."

    not_with_question: bool = False  # "asked whether ...": a question, not this event
    requires_actor: bool = False  # a source or a target must be found (the type file says)
    not_in_context: tuple[str, ...] = ()  # contexts (`contexts:`) where the words mean else
    not_as_participle: bool = False  # "troops backed by X", "armed men": no event
    asserted_by_subject: frozenset[str] = frozenset()  # "a roadside bomb exploded"
    asserted_only: bool = False  # "a rocket landed": only with such a subject
    not_with_preps: frozenset[str] = frozenset()  # "came under fire for his remarks": none
    not_by_sectors: frozenset[str] = frozenset()  # "... under fire from lawmakers": none
    asserts: bool = False  # "came under rocket fire": the words state the event happened
    not_by_cause: frozenset[str] = frozenset()  # "floods killed 20 people": no attack
    source_roles: frozenset[str] = frozenset()  # "protesters gathered": only with such a source
    purpose_verbs: frozenset[str] = frozenset()  # "... gathered to demand pay": or this purpose
    purpose_nouns: frozenset[str] = frozenset()  # "... gathered for a rally": or this purpose
    people_only: bool = False  # "released two sailors", not "released his tax returns"
    reverses: str = ""  # a reversal pattern: the type of the act undone ("broke up a protest")

    def role(self, slot: str, default: str) -> str:
        for key, value in self.roles:
            if key == slot:
                return value
        return default


@dataclass
class Lexicon:
    verbs: dict[str, Pattern] = field(default_factory=dict)
    nouns: dict[str, Pattern] = field(default_factory=dict)
    phrases: dict[tuple[str, str], Pattern] = field(default_factory=dict)
    light: frozenset[str] = frozenset()
    reversal: frozenset[str] = frozenset()
    inverse_light: frozenset[str] = frozenset()
    giving_light: frozenset[str] = frozenset()  # light verbs that carry goods
    containers: frozenset[str] = frozenset()
    phrase_verbs: set[str] = field(default_factory=set)
    # verb -> the first words of its phrases' second parts of several words ("open fire on"
    # -> "fire"): a preposition no phrase of the verb starts with needs no noun keys
    phrase_firsts: dict[str, frozenset[str]] = field(default_factory=dict)
    reversal_types: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_noun_words: int = 1
    desire_verbs: frozenset[str] = frozenset()  # intent.desire_verbs
    accusing_cues: frozenset[str] = frozenset()  # intent.accusing_cues
    obligation: frozenset[str] = frozenset()  # modality.obligation
    scheduled_types: frozenset[str] = frozenset()  # intent.scheduled_types
    scheduling: frozenset[str] = frozenset()  # intent.scheduling
    occurrence: frozenset[str] = frozenset()  # occurrence_verbs ("break out", "erupt")
    occurrence_passive: frozenset[str] = frozenset()  # "fighting was reported"
    witness_verbs: frozenset[str] = frozenset()  # "police confirmed the killing"
    # labour_strike: verbs, sectors that are no working people, the strike pattern
    strike_verbs: frozenset[str] = frozenset()
    strike_not_sectors: frozenset[str] = frozenset()
    strike_pattern: Pattern | None = None
    # protest_purpose: purpose verbs, the types it turns from, sectors of no protesters
    purpose_verbs: frozenset[str] = frozenset()
    purpose_from: frozenset[str] = frozenset()
    purpose_not_sectors: frozenset[str] = frozenset()
    purpose_pattern: Pattern | None = None
    # people_seized: COERCE modes, people nouns, state sectors, (by state, by others) patterns
    seized_modes: frozenset[str] = frozenset()
    seized_people: frozenset[str] = frozenset()
    seized_state_sectors: frozenset[str] = frozenset()
    seized_patterns: tuple[Pattern, Pattern] | None = None
    # victim_deaths: "four soldiers died in an ambush" (verbs, prepositions, noun types)
    victim_verbs: frozenset[str] = frozenset()
    victim_preps: frozenset[str] = frozenset()
    victim_types: frozenset[str] = frozenset()
    victim_not_nouns: frozenset[str] = frozenset()
    # attack_effects: "a grenade attack left three dead", "shops were looted"
    effect_types: frozenset[str] = frozenset()
    effect_verbs: frozenset[str] = frozenset()
    effect_words: frozenset[str] = frozenset()
    effect_not_nouns: frozenset[str] = frozenset()
    effect_passives: frozenset[str] = frozenset()
    # "a march organised by X", "an ambush blamed on X": participle lemma -> actor prepositions
    agent_participles: dict[str, frozenset[str]] = field(default_factory=dict)
    occurrence_setting: frozenset[str] = frozenset()  # occurrence_setting_preps ("erupted in X")
    place_lies_by: frozenset[str] = frozenset()  # place_lies_by_preps ("a village near X")
    # crowd_violence: role nouns of a crowd, the types their acts turn from, the riot pattern
    crowd_roles: frozenset[str] = frozenset()
    crowd_types: frozenset[str] = frozenset()
    crowd_not_modes: frozenset[str] = frozenset()
    crowd_civilians_against: frozenset[str] = frozenset()  # "youths stoned the police"
    crowd_pattern: Pattern | None = None
    # crowd_dissent: role nouns of protesters, the verbal types their acts turn from, the pattern
    dissent_roles: frozenset[str] = frozenset()
    dissent_types: frozenset[str] = frozenset()
    dissent_pattern: Pattern | None = None
    # crowd_repression: the forces' sectors, the types their force against a crowd turns from
    repression_sectors: frozenset[str] = frozenset()
    repression_types: frozenset[str] = frozenset()
    repression_not_modes: frozenset[str] = frozenset()
    repression_reversal_of: frozenset[str] = frozenset()
    repression_pattern: Pattern | None = None
    obligation_pattern: Pattern | None = None  # obligation_demand
    # attack_parts: acts of an attack's actor in its sentence that belong to the attack
    attack_of: frozenset[str] = frozenset()
    attack_parts: frozenset[str] = frozenset()
    acted_upon_types: frozenset[str] = frozenset()  # "imposed sanctions on Cuba": not his own
    # context name -> (its words, whether a score such as "5-0" puts a sentence in it)
    contexts: dict[str, tuple[frozenset[str], bool]] = field(default_factory=dict)
    # cheap pre-checks: a verb can only trigger when one of its lemma guesses is the first word
    # of a verb table key; a noun only when its lemma or form ends a noun key, starts an
    # "X of Y" key or is a container noun
    verb_heads: frozenset[str] = frozenset()
    noun_tails: frozenset[str] = frozenset()
    noun_heads: frozenset[str] = frozenset()
    # (lemma, lower-cased form) -> whether a token with these can start a trigger at all
    candidate_cache: dict[tuple[str, str], bool] = field(default_factory=dict)
    verb_key_cache: dict[tuple[tuple[str, ...], str], tuple[str, str]] = field(default_factory=dict)
    verb_candidate_cache: dict[tuple[str, ...], bool] = field(default_factory=dict)

    def verb_key(self, lemmas: tuple[str, ...], prt: str) -> tuple[str, str]:
        """(lemma, lemma + particle) of a verb: the first lemma guess a table knows (cached)."""
        key = (lemmas, prt)
        hit = self.verb_key_cache.get(key)
        if hit is None:
            if len(self.verb_key_cache) > CACHE_MAX:
                self.verb_key_cache.clear()
            known = [
                lemma
                for lemma in lemmas
                if lemma in self.verbs
                or lemma in self.light
                or lemma in self.reversal
                or lemma in self.inverse_light
                or f"{lemma} {prt}" in self.verbs
                or f"{lemma} {prt}" in self.light
                or f"{lemma} {prt}" in self.reversal
                or lemma in self.phrase_verbs
            ]
            lemma = known[0] if known else lemmas[0]
            hit = self.verb_key_cache[key] = (lemma, f"{lemma} {prt}" if prt else lemma)
        return hit

    def verb_candidate(self, lemmas: list[str] | tuple[str, ...]) -> bool:
        key = tuple(lemmas)
        hit = self.verb_candidate_cache.get(key)
        if hit is None:
            if len(self.verb_candidate_cache) > CACHE_MAX:
                self.verb_candidate_cache.clear()
            hit = self.verb_candidate_cache[key] = any(
                lemma in self.verb_heads or " " in lemma for lemma in lemmas
            )
        return hit

    def noun_candidate(self, lemma: str, lower: str) -> bool:
        return (
            " " in lemma
            or lemma in self.noun_tails
            or lower in self.noun_tails
            or lemma in self.noun_heads
            or lemma in self.containers
        )

    def token_candidate(self, lemma: str, lower: str) -> bool:
        """Whether a token with this (lower-cased) lemma and form may start a verb or noun
        trigger: its lemma or its form may (`lemma_candidate`, `form_candidate`; cached)."""
        key = (lemma, lower)
        hit = self.candidate_cache.get(key)
        if hit is None:
            if len(self.candidate_cache) > CACHE_MAX:
                self.candidate_cache.clear()
            hit = self.candidate_cache[key] = self.lemma_candidate(lemma) or self.form_candidate(
                lower
            )
        return hit

    def lemma_candidate(self, lemma: str) -> bool:
        """Whether a token with this (lower-cased) lemma may start a trigger whatever its form:
        the lemma ends or starts a noun key, is a container noun or starts a verb key."""
        return (
            " " in lemma
            or lemma in self.noun_tails
            or lemma in self.noun_heads
            or lemma in self.containers
            or lemma in self.verb_heads
        )

    def form_candidate(self, lower: str) -> bool:
        """Whether a token with this lower-cased form may start a trigger whatever its lemma:
        the form ends a noun key, or a lemma guessed from it starts a verb key."""
        if lower in self.noun_tails:
            return True
        for guess in _form_guesses(lower):  # noqa: SIM110 (a loop: any() over a generator costs more)
            if guess in self.verb_heads or " " in guess:
                return True
        return False


def _made_pattern(
    spec: dict[str, Any], source: str, type_: str, cameo: str, confidence: float = 0.8
) -> Pattern:
    """The pattern a `_shared.yaml` re-coding block makes (its `type`, `mode`, `cameo` and
    `confidence`, with the given defaults), named by the block's key."""
    return Pattern(
        type=str(spec.get("type", type_)),
        mode=spec.get("mode"),
        cameo=str(spec.get("cameo", cameo)),
        confidence=float(spec.get("confidence", confidence)),
        source=source,
    )


@cache
def lexicon() -> Lexicon:
    """The compiled trigger tables, from the validated rule files (``events/<TYPE>.yaml``);
    a RulesError naming file and line when one is wrong."""
    loaded, data = event_rules()
    onto = ontology()
    default_preps = frozenset(yaml_word(p, "target_preps") for p in data.get("target_preps") or [])
    lex = Lexicon()
    for lp in loaded:
        entry = lp.rule
        type_ = lp.type
        preps = entry.target_preps
        pattern = Pattern(
            type=type_,
            mode=entry.mode,
            cameo=entry.cameo or onto.cameo_for(type_),
            confidence=entry.confidence,
            roles=tuple(entry.roles.items()),
            target_preps=frozenset(preps) if preps else default_preps,
            source=f"{type_}/{entry.mode or '-'}",
            requires=frozenset(entry.requires),
            not_with_question=entry.not_with_question,
            object_only=entry.object_only,
            instrument_preps=frozenset(entry.instrument_preps),
            requires_actor=lp.file.data.requires_actor,
            not_in_context=tuple(entry.not_in_context),
            not_as_participle=entry.not_as_participle,
            asserted_by_subject=frozenset(entry.asserted_by_subject),
            asserted_only=entry.asserted_only,
            not_with_preps=frozenset(entry.not_with_preps),
            not_by_sectors=frozenset(entry.not_by_sectors),
            asserts=entry.asserts,
            not_by_cause=frozenset(entry.not_by_cause),
            source_roles=frozenset(entry.source_roles),
            purpose_verbs=frozenset(entry.purpose_verbs),
            purpose_nouns=frozenset(entry.purpose_nouns),
            people_only=entry.people_only,
        )
        for verb in entry.verbs:
            lex.verbs[verb] = pattern
        for noun in entry.nouns:
            lex.nouns[noun] = pattern
            lex.max_noun_words = max(lex.max_noun_words, len(noun.split()))
        for phrase in entry.phrases:
            verb, _, rest = phrase.partition(" ")
            lex.phrases[(verb, rest)] = pattern
    lex.light = word_set(data, "light_verbs", SHARED)
    lex.reversal = word_set(data, "reversal_verbs", SHARED)
    lex.inverse_light = word_set(data, "inverse_light_verbs", SHARED)
    lex.giving_light = word_set(data, "giving_light_verbs", SHARED)
    lex.containers = word_set(data, "container_nouns", SHARED)
    lex.phrase_verbs = {verb for verb, _ in lex.phrases}
    firsts: dict[str, set[str]] = {}
    for verb, rest in lex.phrases:
        firsts.setdefault(verb, set()).add(rest.split(" ", 1)[0])
    lex.phrase_firsts = {verb: frozenset(words) for verb, words in firsts.items()}
    lex.reversal_types = dict(data.get("reversal") or {})
    intent = data.get("intent") or {}
    lex.desire_verbs = frozenset(str(w) for w in intent.get("desire_verbs") or [])
    lex.accusing_cues = frozenset(str(w) for w in intent.get("accusing_cues") or [])
    lex.scheduled_types = frozenset(str(w) for w in intent.get("scheduled_types") or [])
    lex.scheduling = word_set(intent, "scheduling", SHARED)
    lex.contexts = {
        str(name): (
            word_set(spec, "words", SHARED),
            bool(spec.get("scores", False)),
        )
        for name, spec in (data.get("contexts") or {}).items()
    }
    modal = data.get("modality") or {}
    lex.obligation = frozenset(str(w) for w in modal.get("obligation") or [])
    lex.occurrence = word_set(data, "occurrence_verbs", SHARED)
    lex.occurrence_passive = word_set(data, "occurrence_passives", SHARED)
    lex.witness_verbs = word_set(data, "witness_verbs", SHARED)
    lex.occurrence_setting = word_set(data, "occurrence_setting_preps", SHARED)
    strike = data.get("labour_strike") or {}
    if strike:
        lex.strike_verbs = word_set(strike, "verbs", SHARED)
        lex.strike_not_sectors = frozenset(str(w) for w in strike.get("not_sectors") or [])
        lex.strike_pattern = _made_pattern(strike, "labour_strike", "PROTEST", "143")
    purpose = data.get("protest_purpose") or {}
    if purpose:
        lex.purpose_verbs = word_set(purpose, "verbs", SHARED)
        lex.purpose_from = frozenset(str(w) for w in purpose.get("from_types") or [])
        lex.purpose_not_sectors = frozenset(str(w) for w in purpose.get("not_sectors") or [])
        lex.purpose_pattern = _made_pattern(purpose, "protest_purpose", "PROTEST", "140")
    seized = data.get("people_seized") or {}
    if seized:
        lex.seized_modes = frozenset(str(w) for w in seized.get("modes") or [])
        lex.seized_people = word_set(seized, "people", SHARED)
        lex.seized_state_sectors = frozenset(str(w) for w in seized.get("state_sectors") or [])
        made = [
            Pattern(
                type=str(seized[k]["type"]),
                mode=seized[k].get("mode"),
                cameo=str(seized[k]["cameo"]),
                confidence=0.8,
                source=f"people_seized.{k}",
            )
            for k in ("by_state", "by_others")
        ]
        lex.seized_patterns = (made[0], made[1])
    deaths = data.get("victim_deaths") or {}
    lex.victim_verbs = word_set(deaths, "verbs", SHARED)
    lex.victim_preps = word_set(deaths, "preps", SHARED)
    lex.victim_types = frozenset(str(w) for w in deaths.get("types") or [])
    lex.victim_not_nouns = word_set(deaths, "not_nouns", SHARED)
    effects = data.get("attack_effects") or {}
    lex.effect_types = frozenset(str(w) for w in effects.get("types") or [])
    lex.effect_verbs = word_set(effects, "result_verbs", SHARED)
    lex.effect_words = word_set(effects, "result_words", SHARED)
    lex.effect_not_nouns = word_set(effects, "not_nouns", SHARED)
    lex.effect_passives = word_set(effects, "passive_verbs", SHARED)
    lex.agent_participles = {
        str(k).lower(): frozenset(str(p).lower() for p in v or [])
        for k, v in (data.get("agent_participles") or {}).items()
    }
    lex.place_lies_by = word_set(data, "place_lies_by_preps", SHARED)
    crowd = data.get("crowd_violence") or {}
    if crowd:
        lex.crowd_roles = word_set(crowd, "roles", SHARED)
        lex.crowd_types = frozenset(str(w) for w in crowd.get("types") or [])
        lex.crowd_not_modes = frozenset(str(w) for w in crowd.get("not_modes") or [])
        lex.crowd_civilians_against = frozenset(
            str(w) for w in crowd.get("civilians_against") or []
        )
        lex.crowd_pattern = _made_pattern(crowd, "crowd_violence", "PROTEST", "145")
    dissent = data.get("crowd_dissent") or {}
    if dissent:
        lex.dissent_roles = word_set(dissent, "roles", SHARED)
        lex.dissent_types = frozenset(str(w) for w in dissent.get("types") or [])
        lex.dissent_pattern = _made_pattern(dissent, "crowd_dissent", "PROTEST", "141")
    repress = data.get("crowd_repression") or {}
    if repress:
        lex.repression_sectors = frozenset(str(w) for w in repress.get("source_sectors") or [])
        lex.repression_types = frozenset(str(w) for w in repress.get("types") or [])
        lex.repression_not_modes = frozenset(str(w) for w in repress.get("not_modes") or [])
        lex.repression_reversal_of = frozenset(str(w) for w in repress.get("reversal_of") or [])
        lex.repression_pattern = _made_pattern(repress, "crowd_repression", "COERCE", "175")
    parts = data.get("attack_parts") or {}
    lex.attack_of = frozenset(str(t) for t in parts.get("of") or [])
    lex.attack_parts = frozenset(str(t) for t in parts.get("types") or [])
    lex.acted_upon_types = frozenset(str(t) for t in data.get("acted_upon_types") or [])
    demand = data.get("obligation_demand") or {}
    if demand:
        lex.obligation_pattern = _made_pattern(
            demand, "obligation_demand", "REQUEST", "100", confidence=0.65
        )
    verb_keys = [*lex.verbs, *lex.light, *lex.reversal, *lex.inverse_light]
    lex.verb_heads = frozenset(k.split()[0] for k in verb_keys if k.split()) | lex.phrase_verbs
    lex.noun_tails = frozenset(k.split()[-1] for k in lex.nouns if k.split()) | frozenset(
        k.split()[-1].rsplit("-", 1)[-1] for k in lex.nouns if "-" in k
    )
    lex.noun_heads = frozenset(k.split()[0] for k in lex.nouns if " of " in k)
    # "hundreds of troops": a quantity noun may start a key through its "of" phrase
    lex.noun_heads |= word_set(data, "quantity_nouns", SHARED)
    return lex


def lexicon_data() -> dict[str, Any]:
    """The merged settings of events/_shared.yaml (every data layer)."""
    data: dict[str, Any] = load_yaml("events/_shared.yaml")
    return data


def lower_lemma(tok: Token) -> str:
    return tok.lemma_.lower()


@lru_cache(maxsize=1 << 14)
def _lemma_guesses(lemma: str, low: str) -> tuple[str, ...]:
    key = (lemma, low)
    hit = _GUESSES.get(key)
    if hit is None:
        if len(_GUESSES) > 100_000:
            _GUESSES.clear()
        hit = _GUESSES[key] = _lemma_guesses_of(lemma, low)
    return hit


_GUESSES: dict[tuple[str, str], tuple[str, ...]] = {}


def _lemma_guesses_of(lemma: str, low: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([lemma, *_form_guesses(low)]))


def _form_guesses(low: str) -> list[str]:
    """Lemmas guessed from a lower-cased form alone ("shelled" -> "shelle", "shell")."""
    if low.endswith("ed") and len(low) > 4:
        out = [low[:-1], low[:-2]]
        if low[-3] == low[-4]:
            out.append(low[:-3])  # "shelled" -> "shell", "stopped" -> "stop"
        return out
    if low.endswith("ing") and len(low) > 5:
        return [low[:-3], low[:-3] + "e"]
    if low.endswith("s") and len(low) > 3:
        return [low[:-1]]
    return []


@dataclass(frozen=True)
class FallbackWords:
    stance_nouns: frozenset[str]
    preps: frozenset[str]
    purpose_marks: frozenset[str]
    stance_preps: frozenset[str]  # "in defiance of X": X is the target
    place_preps: frozenset[str]  # last resort: actors where the act happens ("clashes in X")


@cache
def fallback_words() -> FallbackWords:
    data = load_yaml("events/_shared.yaml").get("fallback_target") or {}

    def words(key: str) -> frozenset[str]:
        return word_set(data, key, SHARED)

    return FallbackWords(
        stance_nouns=words("stance_nouns"),
        preps=words("fallback_preps") | words("concessive_preps"),
        purpose_marks=words("purpose_marks"),
        stance_preps=words("stance_preps"),
        place_preps=words("place_preps"),
    )
