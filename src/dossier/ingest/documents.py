"""An input document, and the checks every text passes before analysis.

Limits (documented in README "Bad input"):

* ``max_chars`` (default 200,000 characters, ``--max-chars``): longer texts are cut at the
  last paragraph or sentence break before the limit, with a warning.
* Bytes that are not valid UTF-8 are replaced (U+FFFD) with a warning; files that look
  binary (NUL bytes or many control characters) are refused.
* Texts that do not look like English are not analysed (a warning says why).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from dossier.record import Status

DEFAULT_MAX_CHARS = 200_000

# Function words that make up a large share of any English text.
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "was",
        "that",
        "for",
        "on",
        "it",
        "with",
        "as",
        "by",
        "at",
        "he",
        "said",
        "from",
        "his",
        "are",
        "be",
        "have",
        "has",
        "an",
        "were",
        "not",
        "but",
        "they",
        "this",
        "their",
        "which",
        "will",
        "had",
        "its",
        "who",
        "been",
        "after",
        "or",
        "would",
        "more",
        "than",
        "we",
        "also",
        "i",
        "you",
        "she",
        "her",
        "them",
        "there",
        "one",
        "about",
        "up",
        "out",
        "into",
        "over",
        "what",
        "when",
        "all",
        "can",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# letters from U+0250 on: not Basic Latin, Latin-1, Latin Extended-A or -B (rare in English
# text, so finding them is fast)
_NON_LATIN_LETTER = re.compile(
    r"[^\W\d_a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
)


@dataclass
class InputDocument:
    """One document to analyse, as read from a file, a JSON line or standard input."""

    text: str
    id: str = ""
    published: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str = ""  # where it came from: path, path:line, "-"
    warnings: list[str] = field(default_factory=list)
    status: Status = "ok"  # ok | skipped (nothing to analyse) | failed (unreadable)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text) if self.text else text_id(self.origin or "empty")

    def fail(self, message: str) -> InputDocument:
        self.status = "failed"
        self.text = ""
        self.warnings.append(message)
        return self

    def skip(self, message: str) -> InputDocument:
        self.status = "skipped"
        self.warnings.append(message)
        return self


def text_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10% control characters in the first 8 KiB."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.10


def decode(data: bytes, origin: str, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM); invalid bytes are replaced and reported."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            f"{origin}: invalid UTF-8 (first bad byte at offset {err.start}); "
            f"{bad} undecodable byte sequence(s) replaced with U+FFFD"
        )
    return text


def cap_length(doc: InputDocument, max_chars: int) -> None:
    """Cut an over-long text at a paragraph or sentence break before `max_chars`."""
    if len(doc.text) <= max_chars:
        return
    original = len(doc.text)
    cut = doc.text.rfind("\n\n", 0, max_chars)
    if cut < max_chars * 0.8:
        cut = max(doc.text.rfind(". ", 0, max_chars) + 1, 0)
    if cut < max_chars * 0.5:
        cut = max_chars
    doc.text = doc.text[:cut]
    doc.warnings.append(
        f"text truncated from {original:,} to {cut:,} characters (limit --max-chars={max_chars:,})"
    )


def english_check(text: str) -> str | None:
    """None if the text looks like English, else the reason it does not."""
    sample = text[:20_000].lower()
    words = _WORD.findall(sample)
    letters = sum(map(len, words))
    if not letters:
        return "text contains no letters"
    latin = letters - len(_NON_LATIN_LETTER.findall(sample))
    if latin / letters < 0.6:
        return f"text does not look like English: only {latin / letters:.0%} Latin letters"
    if len(words) < 12:
        return None  # too short to judge
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if share < 0.12:
        return (
            f"text does not look like English: {share:.0%} of its words are common English "
            "function words (English news has 30-50%)"
        )
    return None


def prepare(doc: InputDocument, max_chars: int = DEFAULT_MAX_CHARS) -> InputDocument:
    """Normalise, cap and check a document's text; marks it skipped when there is nothing to do."""
    if doc.status != "ok":
        return doc
    if not doc.text.strip():
        return doc.skip(f"{doc.origin or doc.id}: empty document, nothing to analyse")
    cap_length(doc, max_chars)
    reason = english_check(doc.text)
    if reason:
        return doc.skip(f"{doc.origin or doc.id}: {reason}; not analysed")
    return doc
