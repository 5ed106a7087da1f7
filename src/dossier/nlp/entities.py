"""The `dossier_entities` component: one entity per real-world thing, with actor codes.

What it does, in order (each step's name appears in the entity's `rule`):

1. **names**: spaCy's PERSON/ORG/GPE/NORP/LOC/FAC spans and the actor knowledge base's
   aliases (a PhraseMatcher), longest first; titles before a person's name join the mention
   ("Brig. Gen. Behrouz Esbati"); a single token that spaCy labels GPE/ORG but that is a
   person's surname elsewhere in the document becomes a PERSON mention.
   Titles are matched whole, token by token (a PhraseMatcher over every written form):
   "Air Tanzania" is not "Air Chief Marshal", "Crown Point" not "Crown Prince". A title
   makes a person only in a person-like context: an ORG/GPE span "title + words" becomes a
   PERSON when the words look like a personal name (not a possessive, not ending in a place
   or organisation word such as "Hospital", not all dictionary words: "General Motors",
   "Major League Baseball" stay organisations); "Title + Name" that NER missed becomes a
   PERSON on the same test; "the mayor of Leeds": a one-name PERSON after "<title> of" is a
   place.
2. **merge**: mentions of the same thing become one entity: countries by ISO code (aliases such
   as "the Islamic Republic" included), KB actors by id, people by surname/first name
   ("Esbati", "General Esbati" -> "Behrouz Esbati"), organisations by name or acronym.
3. **demonyms**: "Iranian targets" -> a demonym mention of Iran; "Iranian leaders",
   "Russian jets" -> a collective entity (GROUP) coded with the country and the role's sector.
4. **collectives**: plural role nouns ("the rebels", "protesters") become GROUP entities.
5. **coding**: country and sector from the KB (roles resolved against the document date), the
   title ("Gen." -> MIL), a nationality next to the name ("Iranian Brig. Gen. X") or in an
   apposition ("X, Iran's foreign minister"), and role nouns inside organisation names.

Pronouns and definite descriptions are the next component's job (`dossier_coref`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from dossier.knowledge.actors import Actor, actor_kb
from dossier.knowledge.countries import country_index, normalize
from dossier.knowledge.namesakes import named_after
from dossier.knowledge.resources import load_yaml
from dossier.knowledge.roles import (
    Title,
    roles,
    title_forms,
    title_name_heads,
    title_words,
    titles,
)
from dossier.nlp.entity_collectives import CollectiveReader
from dossier.nlp.entity_names import Candidate, WordFlags, name_key, strip_the
from dossier.nlp.entity_titles import PersonWords, Titled, TitleReader
from dossier.nlp.state import Analysis, EntityState, Mention, get_state
from dossier.nlp.tokens import (
    C_ORTH,
    POSSESSIVE_MARKS,
    TokenTable,
    token_table,
)

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
NON_COUNTRIES = {"IGO", "NGO", "IMG", "MNC"}


class EntityComponent(TitleReader, CollectiveReader):
    """Builds entities from names, demonyms and collective role nouns (see module doc)."""

    def __init__(self, nlp: Language, name: str = "dossier_entities") -> None:
        self.name = name
        self.countries = country_index()
        self.kb = actor_kb()
        self.titles = titles()
        self.title_words = title_words()
        self.title_heads = title_name_heads()
        self.lexicon = _lexicon(nlp)
        self.roles = roles()
        self.non_actors = set(load_yaml("non_actors.yaml")["non_actors"])
        self.ethnic_markers = set(load_yaml("non_actors.yaml")["ethnic_markers"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._flags: dict[str, WordFlags] = {}
        self._actors: dict[str, Actor | None] = {}  # written name -> KB actor (read-only KB)
        # whole title forms, in the same matcher (one pass over the document)
        self.title_keys: dict[int, Title] = {}
        for form, entry in title_forms():
            key = "__title__:" + form.lower()
            self.matcher.add(key, [nlp.make_doc(form)])
            self.title_keys[nlp.vocab.strings.add(key)] = entry
        patterns: dict[str, list[Doc]] = {}
        for alias, actor_id in self.kb.aliases():
            if ":" in actor_id or (len(alias) < 3 and not alias.isupper()):
                continue  # imported dictionaries are looked up by name, not matched in bulk
            patterns.setdefault(actor_id, []).append(nlp.make_doc(alias))
        for actor_id, docs in patterns.items():
            self.matcher.add(actor_id, docs)
        # multi-word country names and metonyms NER tends to miss or split
        extra = [
            nlp.make_doc(alias)
            for alias in list(self.countries.by_metonym) + list(self.countries.by_name)
            if " " in alias
        ]
        self.matcher.add("__country__", extra)

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        candidates = self._candidates(doc)
        self._build_entities(doc, state, candidates)
        self._demonyms_and_collectives(doc, state)
        for ent in state.entities.values():
            self._code(doc, state, ent)
        return doc

    # ------------------------------------------------------------------ step 1: names
    def _candidates(self, doc: Doc) -> list[Candidate]:
        table = token_table(doc)
        titled = Titled({}, {}, set())
        found: list[Candidate] = []
        words = table.words
        for match_id, start, end in self.matcher(doc):
            title = self.title_keys.get(match_id)
            if title is not None:
                titled.add(start, end, title)
                continue
            key = doc.vocab.strings[match_id]
            if not any(
                w[:1].isupper() and not self._word_flags(doc, w).is_stop for w in words[start:end]
            ):
                continue
            if key == "__country__":
                found.append(Candidate(start, end, "GPE", start, source="country"))
            else:
                # applies case rules for short aliases
                actor = self._actor(tokens_text(table, start, end))
                if actor is None:
                    continue
                label = "PERSON" if actor.type == "PERSON" else "ORG"
                found.append(Candidate(start, end, label, start, kb=actor, source="kb"))
        titled.sort()
        person_words = PersonWords(doc)
        for start, end, label in table.ents:
            if label in NAME_LABELS:
                found.append(Candidate(start, end, label, start))
                if label == "PERSON" and end - start >= 2:
                    person_words.spans.append((start, end))
        # longest first; KB and country matches win ties over NER
        found.sort(key=lambda c: (-(c.end - c.start), c.source == "ner", c.start))
        taken: set[int] = set()
        kept: list[Candidate] = []
        for raw in found:
            cand = self._trim(doc, table, raw, titled, person_words)
            if cand is None or any(i in taken for i in range(cand.start, cand.end)):
                continue
            kept.append(cand)
            taken.update(range(cand.start, cand.end))
        self._titled_names(doc, titled, taken, kept, person_words)
        for cand in kept:  # "Queen" + NER's "Elizabeth Hospital", "Prince" + "Edward Island"
            if cand.start in titled.ends and cand.source == "ner" and cand.start == cand.name_start:
                self._title_before_name(doc, cand, titled, taken, person_words)
        kept = [c for c in kept if not _names_a_facility(table, c)]
        kept.sort(key=lambda c: c.start)
        self._fix_labels(doc, table, kept)
        for cand in kept:
            if cand.label == "PERSON":
                self._extend_title(doc, cand, taken, titled)
                self._place_after_title(doc, cand, person_words)
        return kept

    def _fix_labels(self, doc: Doc, table: TokenTable, cands: list[Candidate]) -> None:
        """A surname spaCy labelled GPE/ORG is a person when the document names that person;
        a lone name spaCy labelled PERSON is a place when it labels the same name a place
        elsewhere and no person has it ("the streets of Sanaa" after "Sanaa")."""
        person_words: set[str] = set()
        lone_people: list[Candidate] = []
        words = table.words
        for cand in cands:  # words of full names only: a one-word PERSON may be NER's mistake
            if cand.label == "PERSON":
                if cand.end - cand.name_start >= 2:
                    person_words.update(map(name_key, words[cand.name_start : cand.end]))
                elif cand.kb is None and cand.name_start == cand.start:
                    lone_people.append(cand)
        for cand in cands:
            if (
                cand.label in ("GPE", "ORG", "NORP", "LOC")
                and cand.kb is None
                and cand.end - cand.name_start == 1
            ):
                text = words[cand.name_start]
                if name_key(text) in person_words and not self.countries.lookup(text):
                    cand.label = "PERSON"
        if lone_people:
            orth = table.column(C_ORTH)
            places = {
                orth[c.start]
                for c in cands
                if c.label in ("GPE", "LOC") and c.end - c.start == 1 and c.name_start == c.start
            }
            for cand in lone_people:
                if (
                    orth[cand.start] in places
                    and name_key(doc[cand.start].text) not in person_words
                ):
                    cand.label = "GPE"

    # ------------------------------------------------------------------ step 2: merge
    def _build_entities(self, doc: Doc, state: Analysis, cands: list[Candidate]) -> None:
        by_key: dict[str, EntityState] = {}
        people: list[tuple[list[str], EntityState]] = []
        table = token_table(doc)
        idx, words = table.idx, table.words
        for cand in cands:
            name = tokens_text(table, cand.name_start, cand.end)
            mention = Mention(
                idx[cand.start],
                idx[cand.end - 1] + len(words[cand.end - 1]),
                cand.start,
                cand.end,
                "title" if cand.name_start > cand.start else "name",
                head=span_root(doc, table, cand.start, cand.end),
            )
            ent, rule = self._find_or_create(doc, state, cand, name, by_key, people)
            if ent is None:
                continue
            if rule and rule not in ent.rule:
                ent.rule.append(rule)
            state.add_mention(ent, mention)
            if cand.name_start > cand.start:
                title = tokens_text(table, cand.start, cand.name_start)
                self._apply_title(title, cand.title, ent)

    def _find_or_create(
        self,
        doc: Doc,
        state: Analysis,
        cand: Candidate,
        name: str,
        by_key: dict[str, EntityState],
        people: list[tuple[list[str], EntityState]],
    ) -> tuple[EntityState | None, str]:
        if (cand.label == "NORP" or cand.end - cand.name_start == 1) and self.countries.demonym(
            name
        ):
            return None, ""  # demonyms ("Iranian", even when NER calls it PERSON): step 3
        iso3 = self.countries.lookup(name) if cand.label in ("GPE", "LOC", "NORP", "ORG") else None
        if iso3 and cand.kb is None:
            key = "country:" + iso3
            if key not in by_key:
                by_key[key] = state.new_entity(
                    self.countries.name(iso3), "GPE", country=iso3, kb_id=key, rule=["country name"]
                )
            return by_key[key], "country alias" if normalize(name) != normalize(
                by_key[key].name
            ) else ""
        metonym = self.countries.metonym(name)
        actor = cand.kb or self._actor(name)
        if actor is not None:
            key = "kb:" + actor.id
            if key not in by_key:
                ent = state.new_entity(
                    actor.name,
                    actor.type if actor.type in NAME_LABELS else "ORG",
                    kb_id=actor.id,
                    gender=actor.gender,
                    rule=["actor KB"],
                )
                by_key[key] = ent
                if actor.type == "PERSON":
                    people.append((name_key(actor.name).split(), ent))
                    for alias in actor.aliases:
                        people.append((name_key(alias).split(), ent))
            return by_key[key], ""
        if cand.label == "PERSON":
            words = name_key(name).split()
            match = _match_person(words, people)
            if match is not None:
                if len(words) > len(name_key(match.name).split()):
                    match.name = name  # a fuller name arrived
                return match, "name match"
            ent = state.new_entity(name, "PERSON", rule=["PERSON name"])
            people.append((words, ent))
            return ent, ""
        if metonym and cand.label not in ("GPE", "LOC"):
            key = "gov:" + metonym[0] + metonym[1]
            if key not in by_key:
                by_key[key] = state.new_entity(
                    name,
                    "ORG",
                    country=metonym[0],
                    sector=metonym[1],
                    rule=[f"metonym for the {metonym[1]} of {metonym[0]}"],
                )
            return by_key[key], ""
        key = cand.label + ":" + name_key(name)
        acronym = _acronym_key(name)
        if key not in by_key and cand.label == "ORG":
            for _other_key, other in list(by_key.items()):
                if other.type == "ORG" and (
                    _acronym_key(other.name) == name_key(name).replace(" ", "")
                    or acronym == name_key(other.name).replace(" ", "")
                ):
                    by_key[key] = other
                    return other, "acronym"
        if key not in by_key:
            label = cand.label if cand.label in NAME_LABELS else "ORG"
            by_key[key] = state.new_entity(strip_the(name), label, rule=[f"{label} name"])
        return by_key[key], ""

    # ------------------------------------------------------------------ steps 3-4

    # ------------------------------------------------------------------ step 5: coding
    def _code(self, doc: Doc, state: Analysis, ent: EntityState) -> None:
        if ent.kb_id and not ent.kb_id.startswith(("country:", "gov:")):
            actor = self.kb.actors.get(ent.kb_id)
            if actor is not None:
                country, sector, title = actor.coding_on(state.published)
                if country in NON_COUNTRIES:  # IGO/NGO/IMG: a code prefix, not a country
                    ent.code = actor.code_on(state.published)
                    country = None
                ent.country = ent.country or country
                if sector:
                    ent.sector = sector
                ent.role = title or ent.role
                when = state.published.isoformat() if state.published else "latest role"
                ent.rule.append(f"KB {actor.id} on {when}: {country or '-'} {sector or '-'}")
                return
        if ent.type == "PERSON":
            self._code_person(doc, state, ent)
        elif ent.type == "ORG" and (ent.country is None or ent.sector is None):
            self._code_org(doc, ent)
        elif ent.type in ("GPE", "LOC", "FAC"):
            iso3 = (
                self.countries.capital(ent.name) or (self.countries.metonym(ent.name) or ("",))[0]
            )
            if iso3 and ent.country is None:
                ent.country = iso3
                ent.rule.append(f"capital of {iso3}")
            if (
                iso3
                and ent.sector is None
                and any(_acts(token_table(doc), m.head) for m in ent.mentions)
            ):
                # "Moscow said", "Ankara wants": the capital stands for the government
                ent.sector = "GOV"
                ent.rule.append("capital used as an actor (subject of a verb) -> GOV")

    def _code_person(self, doc: Doc, state: Analysis, ent: EntityState) -> None:
        table = token_table(doc)
        words, dep, kids = table.words, table.dep, table.kids
        for mention in sorted(ent.mentions, key=lambda m: m.start):
            if ent.country is not None:
                break
            # "Iranian Brig. Gen. X", "Iran's X"
            first = mention.tok_start
            if first > 0:
                before = words[first - 1]
                iso3 = self.countries.demonym(before) or (
                    self.countries.lookup(words[first - 2])
                    if before in POSSESSIVE_MARKS and first > 1
                    else None
                )
                if iso3:
                    ent.country = iso3
                    ent.rule.append(f"nationality {before!r} next to the name")
                    break
            root = mention.head if mention.head >= 0 else mention.tok_end - 1
            # "Lebanon's new President X", "the Iranian President X"
            for child in kids[root]:
                if dep[child] in ("poss", "amod", "compound") and child < first:
                    iso3 = self.countries.lookup(words[child]) or self.countries.demonym(
                        words[child]
                    )
                    if iso3:
                        ent.country = iso3
                        ent.rule.append(f"nationality {words[child]!r} modifies the name")
                        break
            if ent.country is not None:
                break
            # apposition: "X, Iran's foreign minister," / "X, an Iranian analyst"
            for child in kids[root]:
                if dep[child] == "appos":
                    self._code_from_description(table, ent, child)
        if ent.sector is None and ent.role:
            role = self.roles.get(ent.role.lower())
            if role and role.sector:
                ent.sector = role.sector

    def _code_from_description(self, table: TokenTable, ent: EntityState, head: int) -> None:
        """Country and sector from a description of the entity ("Iran's top general")."""
        role = self._role_of(table, head)
        if role is not None and (ent.role is None or ent.sector is None):
            ent.role = ent.role or role.noun
            if role.sector and ent.sector is None:
                ent.sector = role.sector
                ent.rule.append(f"described as {role.noun!r} -> {role.sector}")
        if ent.country is None:
            words, dep, lower, heads = table.words, table.dep, table.lower, table.head
            for i in table.subtree(head):
                if i > head and dep[i] == "prep" and lower[i] != "of":
                    break  # "an analyst in Tehran": a location, not an affiliation
                iso3 = None
                if dep[i] in ("poss", "amod", "compound") or lower[heads[i]] == "of":
                    iso3 = self.countries.lookup(words[i]) or self.countries.demonym(words[i])
                if iso3:
                    ent.country = iso3
                    ent.rule.append(f"described with {words[i]!r} -> {iso3}")
                    break

    def _code_org(self, doc: Doc, ent: EntityState) -> None:
        words = ent.name.replace("’", "'").split()
        for word in words:
            w = word[:-2] if word.endswith("'s") else word
            iso3 = self.countries.lookup(w) or self.countries.demonym(w)
            if iso3 and ent.country is None:
                ent.country = iso3
                ent.rule.append(f"country word {w!r} in the name")
        if ent.sector is None:
            for n in (2, 1):
                tail = " ".join(words[-n:]).lower()
                role = self.roles.get(tail) or self.roles.get(tail.rstrip("s"))
                if role is not None and role.sector:
                    ent.sector = role.sector
                    ent.role = role.noun
                    ent.rule.append(f"role word {tail!r} in the name -> {role.sector}")
                    break


# ---------------------------------------------------------------------- helpers


def _names_a_facility(table: TokenTable, cand: Candidate) -> bool:
    """Whether a country or place name is only the first part of the name of a street, a
    square, a roundabout or a junction named after it ("the Kuwait roundabout in Gaza City",
    "Baghdad Street in Damascus": `place_namesakes.yaml`, rules of use `not_a_place`): then it
    names no actor, as it names no place (the geoparser drops it the same way). Only when that
    word heads the phrase: in "Tehran street protests" the city is where the protests are."""
    end = cand.end
    if cand.label not in ("GPE", "LOC") or end >= table.n:
        return False
    if named_after(table.text, table.end(end - 1)) is None:
        return False
    return table.dep[end] not in ("compound", "amod") and not (
        end + 1 < table.n and table.pos[end + 1] in ("NOUN", "PROPN") and table.head[end + 1] != end
    )


def _lexicon(nlp: Language) -> frozenset[str]:
    """English dictionary words (the lemmatizer's index of base forms), empty without one."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    words: set[str] = set()
    for base_forms in index.values():
        words.update(base_forms)
    return frozenset(words)


def _acts(table: TokenTable, i: int) -> bool:
    """Token `i` is the subject of a verb (a place used as an actor: "Moscow warned")."""
    return table.dep[i] in ("nsubj", "agent") and table.pos[table.head[i]] in ("VERB", "AUX")


@lru_cache(maxsize=8192)
def _acronym_key(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _match_person(
    words: list[str], people: list[tuple[list[str], EntityState]]
) -> EntityState | None:
    """The latest person whose name contains these words in order (surname, first name ...)."""
    if not words:
        return None
    for known, ent in reversed(people):
        if words == known:
            return ent
    for known, ent in reversed(people):
        if len(words) < len(known) and (
            known[-len(words) :] == words or (len(words) == 1 and words[0] == known[0])
        ):
            return ent
        if len(words) > len(known) and words[-len(known) :] == known:
            return ent  # "Bashar Assad" after "Assad"
    return None


@Language.factory("dossier_entities")
def make_entities(nlp: Language, name: str) -> EntityComponent:
    return EntityComponent(nlp, name)


def tokens_text(table: TokenTable, start: int, end: int) -> str:
    """The text of tokens [start, end) (`doc[start:end].text`)."""
    if start >= end:
        return ""
    return table.text[table.idx[start] : table.idx[end - 1] + len(table.words[end - 1])]


def span_root(doc: Doc, table: TokenTable, start: int, end: int) -> int:
    """`doc[start:end].root.i` from the token table: a sentence root inside the span, else
    the token whose head lies outside it nearest to the sentence root (the first of equals)."""
    head = table.head
    for i in range(start, end):
        if head[i] == i:
            return i
    if end - start == 1:
        return start
    n = table.n
    best, root = n, -1
    for i in range(start, end):
        if start <= head[i] < end:
            continue
        if not table.kids[i] and (table.punct[i] or table.words[i].isspace()):
            steps = n - 1  # as spaCy: a bare punctuation mark or space is a root last
        else:
            steps, k = 0, i
            while head[k] != k:
                k = head[k]
                steps += 1
        if steps < best:
            best, root = steps, i
    return root if root != -1 else start
