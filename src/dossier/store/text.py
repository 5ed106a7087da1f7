"""Small text helpers for the store: content hashes, sources, sentence splitting."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# whitespace and an opening capital, digit or quote; paragraph breaks always end one.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


# A period after a short capitalised word or an initial usually abbreviates ("Lt.", "U.S.").
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])+)\.$")


def content_hash(text: str) -> str:
    """SHA-256 of the text: the identity of a document in the store."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def source_of(url: str | None, origin: str | None) -> str | None:
    """The site of a URL ("www.example.com" -> "example.com"), else the input file's name."""
    if url:
        host = urlparse(url).hostname
        if host:
            return host[4:] if host.startswith("www.") else host
    if origin:
        base = origin.split("#", 1)[0]
        base = re.sub(r":\d+$", "", base)
        return Path(base).name or base
    return None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; `text[start:end]` is the sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group() and _ABBREVIATION.search(text, 0, match.start()):
            continue  # "Mr. Smith", "Gen. Esbati": a short capitalised word, not an end
        _add(text, start, match.start(), spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
