"""The working state that Dossier's spaCy components share on ``doc._.dossier``.

Each component reads what earlier ones left here and adds its own part:

    dossier_entities   -> mentions, entities (names, KB aliases, demonyms, role nouns)
    dossier_coref      -> pronoun and description mentions added to entities
    dossier_places     -> places; entity.place for entities that are places
    dossier_affiliation -> countries for actors tied to one only by context
    dossier_statements -> statements
    dossier_events     -> events
    dossier_relations  -> relations

`build_record` (in ``dossier.nlp.record_builder``) turns the state into the public record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from dossier.record import Event, Place, Relation, Statement


@dataclass
class Mention:
    """One mention of an entity: characters and tokens of the document."""

    start: int  # character offsets
    end: int
    tok_start: int  # token offsets, end exclusive
    tok_end: int
    kind: str  # name, alias, title, pronoun, description, demonym, collective
    entity: str = ""  # entity id, set when attached
    head: int = -1  # token index of the mention's syntactic head

    def span(self, doc: Doc) -> Span:
        return doc[self.tok_start : self.tok_end]


# the entity types that name places (spaCy's GPE, LOC and FAC labels)
PLACE_TYPES: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class EntityState:
    """An entity while the pipeline works on it."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC, GROUP
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    place: str | None = None
    role: str | None = None  # the title or role noun that set the sector ("general")
    gender: str | None = None  # "m", "f" or None when unknown
    plural: bool = False
    rule: list[str] = field(default_factory=list)
    code: str | None = None  # a KB code that is not country + sector ("IGOUNO")

    @property
    def actor_code(self) -> str | None:
        if self.code:
            return self.code
        if self.country and self.sector:
            return self.country + self.sector
        return self.country or (("---" + self.sector) if self.sector else None)

    def first_mention(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)


@dataclass
class Analysis:
    """Everything Dossier has found in one document so far."""

    published: date | None = None
    entities: dict[str, EntityState] = field(default_factory=dict)
    token_mention: dict[int, Mention] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _next_entity: int = 1
    _text: str | None = None  # the document text, see `doc_text`
    _tokens: object | None = None  # the TokenTable, see `dossier.nlp.tokens.token_table`
    _date_ents: object | None = None  # DATE/TIME entities, see `dossier.nlp.temporal`
    # the index of statement spans, see `dossier.nlp.statements.lookup.statement_containing`
    _statement_index: object | None = None

    # --- entities and mentions -------------------------------------------------
    def new_entity(self, name: str, type_: str, **attrs: object) -> EntityState:
        ent = EntityState(id=f"E{self._next_entity}", name=name, type=type_)
        for key, value in attrs.items():
            setattr(ent, key, value)
        self._next_entity += 1
        self.entities[ent.id] = ent
        return ent

    def new_entity_with(
        self, mention: Mention, name: str, type_: str, **attrs: object
    ) -> EntityState | None:
        """A new entity for `mention`, or None (and no entity) when its tokens are taken."""
        if any(i in self.token_mention for i in range(mention.tok_start, mention.tok_end)):
            return None
        entity = self.new_entity(name, type_, **attrs)
        self.add_mention(entity, mention)
        return entity

    def add_mention(self, entity: EntityState, mention: Mention) -> bool:
        """Attach `mention` to `entity`; refuse (False) if any of its tokens is taken."""
        if any(i in self.token_mention for i in range(mention.tok_start, mention.tok_end)):
            return False
        mention.entity = entity.id
        entity.mentions.append(mention)
        for i in range(mention.tok_start, mention.tok_end):
            self.token_mention[i] = mention
        return True

    def mention_at(self, token: Token | int) -> Mention | None:
        i = token if isinstance(token, int) else token.i
        return self.token_mention.get(i)

    def entity_at(self, token: Token | int) -> EntityState | None:
        mention = self.mention_at(token)
        return self.entities.get(mention.entity) if mention else None

    def entities_in(self, tok_start: int, tok_end: int) -> list[EntityState]:
        """Entities with a mention inside tokens [tok_start, tok_end), in text order."""
        seen: dict[str, EntityState] = {}
        for i in range(tok_start, tok_end):
            mention = self.token_mention.get(i)
            if mention and mention.entity not in seen:
                seen[mention.entity] = self.entities[mention.entity]
        return list(seen.values())

    def merge(self, keep: EntityState, drop: EntityState) -> None:
        """Fold `drop` into `keep` (its mentions, and its codes where `keep` lacks them)."""
        if keep.id == drop.id:
            return
        for mention in drop.mentions:
            mention.entity = keep.id
            keep.mentions.append(mention)
        for attr in ("country", "sector", "kb_id", "place", "role", "gender"):
            if getattr(keep, attr) is None and getattr(drop, attr) is not None:
                setattr(keep, attr, getattr(drop, attr))
        keep.rule.extend(r for r in drop.rule if r not in keep.rule)
        del self.entities[drop.id]

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def register_extensions() -> None:
    """Register ``doc._.dossier`` and ``doc._.published`` (idempotent)."""
    if not Doc.has_extension("dossier"):
        Doc.set_extension("dossier", default=None)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)


# where spaCy keeps the value of `doc._.dossier` (read directly: `doc._` builds a new object on
# every access, and the components ask for the state hundreds of times per document)
STATE_KEY = ("._.", "dossier", None, None)


def get_state(doc: Doc) -> Analysis:
    """The document's Analysis, created on first use."""
    user_data: dict[Any, Any] = doc.user_data  # (typed as str keys; extensions use tuples)
    state = user_data.get(STATE_KEY)
    if state is None:
        register_extensions()
        state = doc._.dossier
        if state is None:
            published = doc._.published
            state = Analysis(published=published if isinstance(published, date) else None)
            doc._.dossier = state
    assert isinstance(state, Analysis)
    return state


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token anew on each access)."""
    state = get_state(doc)
    if state._text is None:
        state._text = doc.text
    return state._text


register_extensions()
