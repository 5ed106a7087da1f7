"""What the parts of `dossier_entities` share: name keys, the candidate record, and the
knowledge and caches the component reads (:class:`EntityReading`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.lexeme import Lexeme
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
    _lexemes: dict[str, Lexeme]
    _actors: dict[str, Actor | None]

    def _lexeme(self, doc: Doc, word: str) -> Lexeme:
        """The vocabulary entry of a word (for its flags: `is_punct`, `is_stop` ...)."""
        lexeme = self._lexemes.get(word)
        if lexeme is None:
            if len(self._lexemes) > 100_000:
                self._lexemes.clear()
            lexeme = self._lexemes[word] = doc.vocab[word]
        return lexeme

    def _actor(self, name: str) -> Actor | None:
        """`self.kb.lookup(name)`, remembered across documents."""
        if name in self._actors:
            return self._actors[name]
        if len(self._actors) > 100_000:
            self._actors.clear()
        actor = self._actors[name] = self.kb.lookup(name)
        return actor
