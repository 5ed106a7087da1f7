"""What the events component keeps of one document while it reads it, on the Doc itself
(``doc.user_data``): noun keys and matches per token, trigger candidates, sentence spans and
place look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from dossier.nlp.events.lexicon import Pattern
from dossier.nlp.tokens import TokenTable, token_table
from dossier.record import Span as RSpan
from dossier.record import Statement


@dataclass
class DocInfo:
    """What the component reads of one document again and again, computed once."""

    doc: Doc
    table: TokenTable  # the token attributes (shared with the other components)
    char_place: dict[int, str] | None = None  # start of a place mention -> place id
    sentences: dict[int, RSpan] = field(default_factory=dict)  # first token -> its span
    # first token of a sentence -> (mentions in the document then, place ids named in it)
    sentence_places: dict[int, tuple[int, list[tuple[int, str]]]] = field(default_factory=dict)
    # (mentions in the document then, tokens in a mention or starting a place mention)
    place_tokens: tuple[int, list[int]] = (-1, [])
    place_starts: frozenset[int] | None = None  # tokens that start a place mention
    noun_keys: dict[int, list[str]] = field(default_factory=dict)  # token -> its noun keys
    # (token, object_ok) -> match_noun's answer
    noun_hits: dict[tuple[int, bool], tuple[Pattern, str] | None] = field(default_factory=dict)
    candidates: list[int] | None = None  # tokens that may start a trigger
    obligated: list[int] | None = None  # tokens with an obligation modal ("must allow")
    dateline_tokens: list[int] | None = None  # tokens that open a dateline ("BAGHDAD -")
    contexts: dict[int, frozenset[str]] = field(default_factory=dict)  # sentence -> contexts
    statements: dict[str, Statement] | None = None  # the statements by id (the first of an id)


_DOC_INFO_KEY = ("dossier_events", "doc_info")


def doc_info(doc: Doc) -> DocInfo:
    """What the component keeps of `doc`, on the Doc itself (``doc.user_data``)."""
    user_data: dict[Any, Any] = doc.user_data
    info = user_data.get(_DOC_INFO_KEY)  # (only this module puts a DocInfo there)
    if info is None:
        info = user_data[_DOC_INFO_KEY] = DocInfo(doc=doc, table=token_table(doc))
    return info


def new_doc_info(doc: Doc) -> None:
    """Forget what was kept of `doc` (the component starts: entities may have changed)."""
    user_data: dict[Any, Any] = doc.user_data
    user_data.pop(_DOC_INFO_KEY, None)
