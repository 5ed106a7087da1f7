"""Read news items from RSS and Atom feed files, with feedparser.

Each entry becomes one InputDocument: its full content when the feed carries it, else its
summary, with markup removed; its link as url, title, publication date and id (the entry's
id or link). Entries with no text are failed documents with the reason.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from dossier.ingest.documents import InputDocument

FEED_SUFFIXES = (".rss", ".atom")
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


def is_feed(path: Path, head: bytes | None = None) -> bool:
    """Feed files by suffix, or .xml files whose start names <rss>, <feed> or <rdf:RDF>."""
    name = path.name.lower()
    if name.endswith(FEED_SUFFIXES):
        return True
    if not name.endswith(".xml"):
        return False
    if head is None:
        try:
            with path.open("rb") as fh:
                head = fh.read(2048)
        except OSError:
            return False
    lowered = head.lower()
    return b"<rss" in lowered or b"<feed" in lowered or b"<rdf:rdf" in lowered


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block tags become line breaks, entities decoded."""
    text = _DROP.sub(" ", fragment)
    text = _BLOCK.sub("\n", text)
    text = html_lib.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return html_to_text(value)
    summary = entry.get("summary") or entry.get("description") or ""
    return html_to_text(summary)


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed[0], parsed[1], parsed[2]).isoformat()
            except (TypeError, ValueError):
                continue
    return None


def read_feed(path: str | Path, published: str | None = None) -> Iterator[InputDocument]:
    """The entries of one RSS/Atom file, in feed order."""
    import feedparser

    origin = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        yield InputDocument(text="", origin=origin).fail(f"{origin}: cannot read: {err.strerror}")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputDocument(text="", origin=origin).fail(f"{origin}: no feed entries{reason}")
        return
    for n, entry in enumerate(feed.entries, 1):
        where = f"{origin}#{n}"
        text = _entry_text(entry)
        link = entry.get("link")
        title = entry.get("title")
        ident = entry.get("id") or link or ""
        if not text:
            yield InputDocument(text="", id=str(ident), origin=where, url=link).fail(
                f"{where}: feed entry has no content or summary"
            )
            continue
        yield InputDocument(
            text=text,
            id=str(ident),
            published=_entry_date(entry) or published,
            url=link if isinstance(link, str) else None,
            title=html_to_text(title) if isinstance(title, str) else None,
            origin=where,
        )
