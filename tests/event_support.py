"""Helpers the event tests share: the real events of a text, and what their actor ids name.

Imported by name (``from event_support import events_of, names_of``); the tests folder is on
``sys.path`` (see ``conftest.py``'s plugins).
"""

from __future__ import annotations

from typing import Any

from dossier.record import Event, Record


def events_of(analyzer: Any, text: str) -> tuple[Record, list[Event]]:
    """The record of `text` and its events that are neither negated nor hypothetical."""
    record = analyzer.analyze(text)
    real = [e for e in record.events if not e.negated and not e.hypothetical]
    return record, real


def names_of(record: Record, ids: list[str]) -> list[str]:
    ents = {e.id: e for e in record.entities}
    return [ents[i].name for i in ids if i in ents]


def sector_of(record: Record, ids: list[str]) -> list[str | None]:
    ents = {e.id: e for e in record.entities}
    return [ents[i].sector for i in ids if i in ents]


def types_of(analyzer: Any, text: str) -> set[str]:
    """The types of the events of `text` that are neither negated nor hypothetical."""
    return {e.type for e in events_of(analyzer, text)[1]}
