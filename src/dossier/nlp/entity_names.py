"""What the parts of `dossier_entities` share: name keys, the candidate record, and the
knowledge and caches the component reads (:class:`EntityReading`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from dossier.knowledge.actors import Actor, ActorKB
from dossier.knowledge.countries import CountryIndex, normalize
from dossier.knowledge.roles import Role, Title, name_prefix_pattern


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
