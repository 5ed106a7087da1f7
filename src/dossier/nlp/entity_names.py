"""What the parts of `dossier_entities` share: name keys, the candidate record, and the
knowledge and caches the component reads (:class:`EntityReading`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from dossier.knowledge.actors import Actor, ActorKB
from dossier.knowledge.countries import CountryIndex, normalize
from dossier.knowledge.roles import Role, Title, name_prefix_pattern
from dossier.nlp.state import EntityState


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """Comparable form of a name: normalized, Arabic article prefixes and punctuation dropped
    (cached: the same names come back in every document)."""
    prefix = name_prefix_pattern()
    words = [prefix.sub("", w) for w in normalize(text).replace(".", "").split()]
    return " ".join(w for w in words if w)


class WordFlags(NamedTuple):
    """What the entity component asks of a word's vocabulary entry."""

    is_punct: bool
    is_stop: bool


@dataclass
class Candidate:
    """A name mention before merging."""

    start: int  # token offsets
    end: int
    label: str
    name_start: int  # where the name proper begins (after titles)
    kb: Actor | None = None
    source: str = "ner"
    title: Title | None = None  # the title nearest the name, when name_start > start

    def name_span(self, doc: Doc) -> SpacySpan:
        return doc[self.name_start : self.end]


def strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


class EntityReading:
    """What the entity component's parts share: the knowledge it reads and its caches."""

    countries: CountryIndex
    kb: ActorKB
    titles: dict[str, Title]
    title_words: dict[str, Title]
    title_heads: frozenset[str]
    lexicon: frozenset[str]
    roles: dict[str, Role]
    non_actors: set[str]
    ethnic_markers: set[str]
    title_keys: dict[int, Title]
    _flags: dict[str, WordFlags]
    _actors: dict[str, Actor | None]

    def _word_flags(self, doc: Doc, word: str) -> WordFlags:
        """The vocabulary flags of a word (`is_punct`, `is_stop`), remembered across documents
        as plain booleans: a `Lexeme` made inside a memory zone (see `Analyzer`) is freed when
        the zone ends, so the vocabulary entry itself is never kept."""
        flags = self._flags.get(word)
        if flags is None:
            if len(self._flags) > 50_000:
                self._flags.clear()
            lexeme = doc.vocab[word]
            flags = self._flags[word] = WordFlags(lexeme.is_punct, lexeme.is_stop)
        return flags

    def _actor(self, name: str) -> Actor | None:
        """`self.kb.lookup(name)`, remembered across documents."""
        if name in self._actors:
            return self._actors[name]
        if len(self._actors) > 100_000:
            self._actors.clear()
        actor = self._actors[name] = self.kb.lookup(name)
        return actor


@lru_cache(maxsize=8192)
def acronym_key(name: str) -> str:
    """The initials of a name of two capitalized words or more, lower-cased ("" otherwise)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


class EntityKeys(dict[str, EntityState]):
    """The entities of a document by merge key, in the order the keys came, with the
    organisations indexed by their initials and by their name without spaces: the entity
    an organisation's acronym (or full name) stands for is found in two look-ups instead of
    a scan over all the keys."""

    def __init__(self) -> None:
        super().__init__()
        # initials / spaceless name key -> (position of its first key, the organisation)
        self._by_acronym: dict[str, tuple[int, EntityState]] = {}
        self._by_name: dict[str, tuple[int, EntityState]] = {}

    def __setitem__(self, key: str, ent: EntityState) -> None:
        if key not in self and ent.type == "ORG":
            at = (len(self), ent)
            self._by_acronym.setdefault(acronym_key(ent.name), at)
            self._by_name.setdefault(name_key(ent.name).replace(" ", ""), at)
        super().__setitem__(key, ent)

    def organisation_for(self, name: str) -> EntityState | None:
        """The first organisation (in key order) whose initials are this name, or whose
        name this name's initials are."""
        by_initials = self._by_acronym.get(name_key(name).replace(" ", ""))
        by_name = self._by_name.get(acronym_key(name))
        if by_initials is None or (by_name is not None and by_name[0] < by_initials[0]):
            by_initials = by_name
        return by_initials[1] if by_initials is not None else None


class PersonIndex:
    """The people of a document by the words of their names (`name_key` split), to find the
    latest person a name refers to: the same words, else a name that ends with these words
    or begins with this one word ("Esbati", "Behrouz" -> "Behrouz Esbati"), or the end of
    these words ("Bashar Assad" after "Assad"). Each look-up is a few dictionary probes (the
    latest person wins: entries keep the order in which they were added)."""

    def __init__(self) -> None:
        self._count = 0
        self._exact: dict[tuple[str, ...], tuple[int, EntityState]] = {}
        self._suffix: dict[tuple[str, ...], tuple[int, EntityState]] = {}  # proper suffixes
        self._first: dict[str, tuple[int, EntityState]] = {}  # first word of 2+ words

    def add(self, words: list[str], ent: EntityState) -> None:
        key, entry = tuple(words), (self._count, ent)
        self._count += 1
        if not key:
            return
        self._exact[key] = entry
        for k in range(1, len(key)):
            self._suffix[key[k:]] = entry
        if len(key) >= 2:
            self._first[key[0]] = entry

    def match(self, words: list[str]) -> EntityState | None:
        """The latest person with exactly these words, else the latest one these words name
        in part (see the class)."""
        if not words:
            return None
        key = tuple(words)
        exact = self._exact.get(key)
        if exact is not None:
            return exact[1]
        found = [self._suffix.get(key)]
        if len(key) == 1:
            found.append(self._first.get(key[0]))
        found += [self._exact.get(key[k:]) for k in range(1, len(key))]
        best = max((hit for hit in found if hit is not None), default=None, key=_position)
        return best[1] if best is not None else None


def _position(entry: tuple[int, EntityState]) -> int:
    return entry[0]
