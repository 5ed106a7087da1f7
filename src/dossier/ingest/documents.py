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

from dossier.ingest.language import english_check
from dossier.record import Status

DEFAULT_MAX_CHARS = 200_000

# Strings longer than this (ids) are shortened, keeping a digest of the whole.
MAX_ID_CHARS = 200
# What no text may hold: NUL (databases and C libraries end strings there) and lone UTF-16
# surrogates (not Unicode scalar values: no UTF-8 encoder, JSON writer or database takes them).
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def clean(value: str) -> tuple[str, int]:
    """`value` with NUL and lone surrogates replaced by U+FFFD (same length, so offsets hold),
    and how many were replaced."""
    if not _UNSAFE.search(value):
        return value, 0
    cleaned, count = _UNSAFE.subn("\ufffd", value)
    return cleaned, count


def short_id(value: str) -> str:
    """An id of at most MAX_ID_CHARS characters: long ones keep their start and a digest."""
    if len(value) <= MAX_ID_CHARS:
        return value
    return f"{value[: MAX_ID_CHARS - 18]}~{text_id(value)}"


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
        self._clean_fields()
        if not self.id:
            self.id = text_id(self.text) if self.text else text_id(self.origin or "empty")

    def _clean_fields(self) -> None:
        """Every string made safe to store and print, whatever it came from (a file, a JSON
        line, the API): the one place where input text is sanitised."""
        self.text, count = clean(self.text)
        if count:
            self.warnings.append(
                f"{self.origin or 'input'}: {count} NUL or lone surrogate character(s) in "
                "the text replaced with U+FFFD"
            )
        for name in ("id", "url", "title", "published", "origin"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, clean(value)[0])
        if len(self.id) > MAX_ID_CHARS:
            self.warnings.append(
                f"{self.origin or 'input'}: id of {len(self.id):,} characters shortened to "
                f"{MAX_ID_CHARS}"
            )
            self.id = short_id(self.id)
        self.warnings[:] = [clean(w)[0] for w in self.warnings]

    def fail(self, message: str) -> InputDocument:
        self.status = "failed"
        self.text = ""
        self.warnings.append(clean(message)[0])
        return self

    def skip(self, message: str) -> InputDocument:
        self.status = "skipped"
        self.warnings.append(clean(message)[0])
        return self


def text_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def wide_encoding(data: bytes) -> str | None:
    """ "utf-16"/"utf-32" (or their -le/-be forms) when the bytes are text in one of them:
    a byte-order mark, or (without one) zero bytes in the places that Latin text in that
    encoding has them."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    head = head[:n]
    zero = [head[i::4].count(0) / (n // 4) for i in range(4)]
    if zero[1] > 0.9 and zero[2] > 0.9 and zero[3] > 0.9 and zero[0] < 0.1:
        return "utf-32-le"
    if zero[0] > 0.9 and zero[1] > 0.9 and zero[2] > 0.9 and zero[3] < 0.1:
        return "utf-32-be"
    odd = (zero[1] + zero[3]) / 2
    even = (zero[0] + zero[2]) / 2
    if odd > 0.9 and even < 0.1:
        return "utf-16-le"
    if even > 0.9 and odd < 0.1:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10% control characters in the first 8 KiB (text in UTF-16 or
    UTF-32 is not binary)."""
    head = data[:8192]
    if not head or wide_encoding(data):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.10


def decode(data: bytes, origin: str, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM), or UTF-16/32 when sniffed; invalid bytes are replaced
    and reported."""
    wide = wide_encoding(data)
    if wide:
        text = data.decode(wide, errors="replace")
        warnings.append(f"{origin}: read as {wide.upper()}")
        return text.removeprefix("\ufeff")
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
