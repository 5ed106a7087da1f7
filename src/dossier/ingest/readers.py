"""Read inputs into InputDocuments: .txt, .html/.htm, .jsonl/.json, folders, standard input.

Folders are walked recursively in sorted order; files with other endings are passed over.
A file that cannot be read becomes a failed InputDocument with the reason, never an
exception, so one bad file never stops a batch.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dossier.ingest.documents import (
    DEFAULT_MAX_CHARS,
    InputDocument,
    decode,
    looks_binary,
    prepare,
)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A file this much larger than the character limit is not read whole.
_READ_FACTOR = 4


def iter_documents(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[InputDocument]:
    """Every document under `paths`, in a stable order, checked and ready to analyse."""
    for raw in paths:
        if str(raw) == "-":
            yield from _prepared(read_stream(sys.stdin.buffer.read(), "-", published), max_chars)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in KNOWN_SUFFIXES:
                    yield from _prepared(read_file(file, published, max_chars), max_chars)
        elif path.exists():
            yield from _prepared(read_file(path, published, max_chars), max_chars)
        else:
            yield InputDocument(text="", origin=str(path)).fail(f"{path}: no such file or folder")


def _prepared(docs: Iterable[InputDocument], max_chars: int) -> Iterator[InputDocument]:
    for doc in docs:
        yield prepare(doc, max_chars)


def read_file(
    path: Path, published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> list[InputDocument]:
    """The documents in one file (several for JSON Lines)."""
    origin = str(path)
    try:
        size = path.stat().st_size
        limit = max_chars * _READ_FACTOR
        with path.open("rb") as fh:
            data = fh.read(limit + 1) if path.suffix.lower() not in JSONL_SUFFIXES else fh.read()
    except OSError as err:
        return [
            InputDocument(text="", origin=origin).fail(f"{origin}: cannot read: {err.strerror}")
        ]
    warnings: list[str] = []
    if path.suffix.lower() not in JSONL_SUFFIXES and size > limit:
        data = data[:limit]
        warnings.append(f"{origin}: file is {size:,} bytes; only the first {limit:,} were read")
    return read_stream(data, origin, published, suffix=path.suffix.lower(), warnings=warnings)


def read_stream(
    data: bytes,
    origin: str,
    published: str | None = None,
    *,
    suffix: str = "",
    warnings: list[str] | None = None,
) -> list[InputDocument]:
    """Documents from raw bytes; the format comes from `suffix`, else from the content."""
    warnings = list(warnings or [])
    if looks_binary(data):
        doc = InputDocument(text="", origin=origin, warnings=warnings)
        return [doc.fail(f"{origin}: looks like a binary file, not text; not analysed")]
    text = decode(data, origin, warnings)
    kind = _kind(suffix, text)
    if kind == "jsonl":
        return list(read_jsonl(text, origin, published, warnings))
    if kind == "html":
        return [read_html(text, origin, published, warnings)]
    return [InputDocument(text=text, origin=origin, published=published, warnings=warnings)]


def _kind(suffix: str, text: str) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:512].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def read_jsonl(
    text: str, origin: str, published: str | None = None, warnings: list[str] | None = None
) -> Iterator[InputDocument]:
    """One document per line: {"id", "text", "published", "url", "title"}; only text required.

    A `.json` file holding one object or a list of objects is read the same way.
    """
    stripped = text.strip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n" not in stripped):
        try:
            whole = json.loads(stripped)
            items = whole if isinstance(whole, list) else [whole]
            for n, item in enumerate(items, 1):
                yield _from_json(item, f"{origin}#{n}", published, list(warnings or []))
            return
        except json.JSONDecodeError:
            pass  # fall through to line by line
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            doc = InputDocument(text="", origin=where, warnings=list(warnings or []))
            yield doc.fail(f"{where}: malformed JSON ({err.msg} at column {err.colno}); skipped")
            continue
        yield _from_json(item, where, published, list(warnings or []))


def _from_json(item: Any, where: str, published: str | None, warnings: list[str]) -> InputDocument:
    if not isinstance(item, dict):
        doc = InputDocument(text="", origin=where, warnings=warnings)
        return doc.fail(f"{where}: expected a JSON object, got {type(item).__name__}")
    doc_id = item.get("id")
    text = item.get("text")
    if not isinstance(text, str):
        doc = InputDocument(text="", id=str(doc_id or ""), origin=where, warnings=warnings)
        return doc.fail(f'{where}: no "text" string in the JSON object')
    date = item.get("published") or published
    if date is not None and not (isinstance(date, str) and _DATE.match(date[:10])):
        warnings.append(f"{where}: published {date!r} is not YYYY-MM-DD; ignored")
        date = None
    return InputDocument(
        text=text,
        id=str(doc_id) if doc_id not in (None, "") else "",
        published=date[:10] if isinstance(date, str) else None,
        url=item.get("url") if isinstance(item.get("url"), str) else None,
        title=item.get("title") if isinstance(item.get("title"), str) else None,
        origin=where,
        warnings=warnings,
    )


def read_html(
    html: str, origin: str, published: str | None = None, warnings: list[str] | None = None
) -> InputDocument:
    """The main text of an HTML page (trafilatura), with its title and date when found.

    Offsets in the record refer to this extracted text (``--include-text`` adds it).
    """
    warnings = list(warnings or [])
    text, title, date = _extract_html(html)
    if not text:
        text = _fallback_html_text(html)
        if text:
            warnings.append(f"{origin}: no main article text found; used all visible page text")
    if not text:
        doc = InputDocument(text="", origin=origin, warnings=warnings)
        return doc.fail(f"{origin}: HTML has no readable text (malformed or empty page)")
    return InputDocument(
        text=text, origin=origin, published=published or date, title=title, warnings=warnings
    )


def _extract_html(html: str) -> tuple[str, str | None, str | None]:
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception:  # trafilatura raises many types on broken markup
        return "", None, None
    if result is None:
        return "", None, None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    date = data.get("date")
    if not (isinstance(date, str) and _DATE.match(date[:10])):
        date = None
    return text, data.get("title"), date[:10] if date else None


def _fallback_html_text(html: str) -> str:
    try:
        import lxml.html

        root = lxml.html.fromstring(html)
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = root.text_content()
    except Exception:
        return ""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
