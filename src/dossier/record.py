"""The analysis record: Dossier's public output (see docs/analysis-record.md).

These models are the contract every consumer reads (exports, the store, the web UI).
Fields may be added; the contract's fields are never renamed or dropped.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Status = Literal["ok", "skipped", "failed"]
CueClass = Literal["speech", "thought", "intention", "evidence"]
CUE_CLASSES: tuple[str, ...] = get_args(CueClass)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """Characters `start:end` of the document text; `text == doc_text[start:end]`."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start=start, end=end, text=text[start:end])


class Entity(_Model):
    """One real-world thing the document mentions, all its mentions merged."""

    id: str
    name: str
    type: str = Field(description="PERSON, ORG, GPE, NORP, LOC, FAC or GROUP")
    mentions: list[Span] = Field(default_factory=list)
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 of the affiliation")
    sector: str | None = Field(None, description="PLOVER/CAMEO sector code (GOV, MIL, REB ...)")
    actor_code: str | None = Field(None, description="CAMEO-style code: country + sector")
    kb_id: str | None = None
    place: str | None = Field(None, description="id of the Place this entity also is")
    # additions to the contract
    mention_kinds: list[str] = Field(
        default_factory=list,
        description="per mention, how it was found: name, alias, title, pronoun, description, "
        "demonym, collective",
    )
    role: str | None = Field(None, description="role or title that set the sector")
    rule: str = Field("", description="how the entity was built and coded")


class Statement(_Model):
    """An attribution: someone says, claims, reports or denies something."""

    id: str
    kind: Literal["direct", "indirect", "mixed"]
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: Span | None = None
    content: list[Span] = Field(default_factory=list)
    reported_by: str | None = None
    # additions
    confidence: float = 1.0
    rule: str = ""
    cue_class: CueClass = Field(
        default="speech",
        description="what kind of claim: speech (said, told, according to), thought (believes, "
        "thinks), intention (wants, plans to), evidence (a poll shows, records indicate)",
    )


class Event(_Model):
    """Who did what to whom, coded to PLOVER."""

    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    trigger: Span
    sentence: Span
    place: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    attributed_to: str | None = None
    confidence: float = 0.5
    rule: str = ""
    # additions
    context: list[str] = Field(default_factory=list)
    quad_class: str | None = None
    mentions: list[Span] = Field(
        default_factory=list, description="further trigger spans of the same event in this document"
    )
    place_basis: (
        Literal["attached", "sentence", "dateline", "preceding", "focus", "following"] | None
    ) = Field(
        None,
        description="how `place` was chosen: attached to the event (in/near/at X), the nearest "
        "place of its sentence, the dateline, the document focus, the nearest place of the "
        "two sentences before, or the first place of the sentence after",
    )


class Place(_Model):
    """A location resolved to the gazetteer."""

    id: str
    name: str
    geonameid: int | None = None
    country: str | None = None
    kind: Literal["country", "admin", "city", "region", "other"] = "other"
    lat: float
    lon: float
    mentions: list[Span] = Field(default_factory=list)
    # additions
    confidence: float = 1.0
    rule: str = ""


class Relation(_Model):
    """A standing tie between two entities, with its evidence."""

    source: str
    target: str
    type: str
    evidence: list[str] = Field(default_factory=list)
    # additions
    rule: str = ""
    confidence: float = 0.5


class Record(_Model):
    """One analysed document."""

    id: str
    published: str | None = None
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # additions
    url: str | None = None
    title: str | None = None
    text: str | None = Field(None, description="the analysed text (with --include-text)")
    status: Status = Field(
        "ok", description="ok; skipped (nothing to analyse: empty, not English); failed"
    )
    schema_version: str = SCHEMA_VERSION
    sentences: list[tuple[int, int]] = Field(
        default_factory=list,
        description="[start, end] of each sentence of the analysed text (spaCy's sentence "
        "boundaries; a line break always ends one)",
    )

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        if not include_text:
            data.pop("text", None)
        return data

    def _repr_html_(self) -> str:
        """How a record shows itself in Jupyter: the page of `--format html` (article text
        escaped, items highlighted and explained), compact, inside a sandboxed frame so that
        neither its styles nor its script reach the notebook."""
        from dossier.output.html import render_notebook

        return render_notebook(self, self.text or "")

    def to_json(self, include_text: bool = False) -> str:
        """The record as one line of compact JSON (what `--format jsonl` writes): the same
        content as `to_dict`, serialised by pydantic's compiled serialiser."""
        return self.model_dump_json(exclude=None if include_text else {"text"})


def json_schema() -> dict[str, Any]:
    """JSON Schema of the analysis record (what `dossier schema` prints)."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Dossier analysis record"
    return schema
