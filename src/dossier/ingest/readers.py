"""Read inputs into InputDocuments: the one reader `analyze`, `ingest`, the Spark job and the
API share.

Formats: .txt, .html/.htm, .jsonl/.json (JSON Lines, or one pretty-printed object or array),
CSV/TSV and Parquet tables of articles (`dossier.ingest.tables`), WARC archives
(`dossier.ingest.warc`), RSS/Atom feeds (`dossier.ingest.feeds`), folders of all of these
(walked recursively in sorted order; files with other endings are passed over) and standard
input (`-`). A file that cannot be read becomes a failed InputDocument with the reason, never
an exception, so one bad file never stops a batch.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO

from dossier.ingest.documents import (
    DEFAULT_MAX_CHARS,
    InputDocument,
    decode,
    looks_binary,
    prepare,
    wide_encoding,
)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A file this much larger than the character limit is not read whole.
_READ_FACTOR = 4
# bytes read to tell a JSON document from JSON Lines
_HEAD = 65536


def iter_documents(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    columns: Mapping[str, str] | None = None,
) -> Iterator[InputDocument]:
    """Every document under `paths`, in a stable order, checked and ready to analyse.

    `columns` maps the fields of a table of articles (id, text, published, url, title) to
    its column names when they differ. Lazy: files are read one at a time (JSON Lines line
    by line, tables in batches of rows), so memory does not grow with the number of documents.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from _prepared(read_stream(sys.stdin.buffer.read(), "-", published), max_chars)
            continue
        path = Path(raw)
        if path.is_dir():
            for file, problem in walk(path):
                if problem is not None:
                    yield InputDocument(text="", origin=str(file)).fail(problem)
                elif is_input_file(file):
                    yield from _prepared(read_path(file, published, max_chars, columns), max_chars)
        elif path.exists() or path.is_symlink():
            yield from _prepared(read_path(path, published, max_chars, columns), max_chars)
        else:
            yield InputDocument(text="", origin=str(path)).fail(f"{path}: no such file or folder")


def is_input_file(path: Path) -> bool:
    """Whether a folder walk reads `path`: text, HTML, JSON, tables, WARC archives, feeds."""
    from dossier.ingest.feeds import is_feed
    from dossier.ingest.tables import TABLE_SUFFIXES
    from dossier.ingest.warc import is_warc

    suffix = path.suffix.lower()
    return suffix in KNOWN_SUFFIXES or suffix in TABLE_SUFFIXES or is_warc(path) or is_feed(path)


def read_path(
    path: Path,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    columns: Mapping[str, str] | None = None,
) -> Iterator[InputDocument]:
    """The documents of one file, read by the reader its format needs."""
    from dossier.ingest.feeds import is_feed, read_feed
    from dossier.ingest.tables import TABLE_SUFFIXES, read_table
    from dossier.ingest.warc import is_warc, read_warc

    if is_warc(path):
        return read_warc(path, published)
    if path.suffix.lower() in TABLE_SUFFIXES:
        return read_table(path, published, columns)
    if path.is_file() and is_feed(path):
        return read_feed(path, published)
    return read_file(path, published, max_chars)


def walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """(file, None) for every file under `folder` in sorted order, and (path, reason) for
    every subfolder that cannot be listed; files that are not regular (FIFOs, sockets,
    devices) are passed over, as reading them could block or never end."""
    problems: list[tuple[Path, str]] = []

    def on_error(err: OSError) -> None:
        where = Path(err.filename) if err.filename else folder
        problems.append((where, f"{where}: cannot read folder: {err.strerror or err}"))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs.sort()
        for name in files:
            file = Path(root, name)
            try:
                if stat.S_ISREG(file.stat().st_mode):
                    found.append(file)
            except OSError as err:
                problems.append((file, f"{file}: cannot read: {err.strerror or err}"))
    entries: list[tuple[Path, str | None]] = [(f, None) for f in found]
    entries.extend(problems)
    yield from sorted(entries, key=lambda e: str(e[0]))


def _prepared(docs: Iterable[InputDocument], max_chars: int) -> Iterator[InputDocument]:
    for doc in docs:
        yield prepare(doc, max_chars)


def read_file(
    path: Path, published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[InputDocument]:
    """The documents in one file (several for JSON Lines, read line by line)."""
    origin = str(path)
    suffix = path.suffix.lower()
    limit = max_chars * _READ_FACTOR
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield InputDocument(text="", origin=origin).fail(
                f"{origin}: not a regular file (a pipe, socket or device); not read"
            )
            return
        with path.open("rb") as fh:
            if suffix in JSONL_SUFFIXES:
                yield from _read_json_file(fh, origin, published, suffix)
                return
            data = fh.read(limit + 1)
    except OSError as err:
        yield InputDocument(text="", origin=origin).fail(
            f"{origin}: cannot read: {err.strerror or err}"
        )
        return
    warnings: list[str] = []
    if info.st_size > limit:
        data = data[:limit]
        warnings.append(
            f"{origin}: file is {info.st_size:,} bytes; only the first {limit:,} were read"
        )
    yield from read_stream(data, origin, published, suffix=suffix, warnings=warnings)


def _read_json_file(
    fh: BinaryIO, origin: str, published: str | None, suffix: str
) -> Iterator[InputDocument]:
    """JSON Lines, streamed line by line; or a JSON document (an array, or in a `.json` file
    one object however laid out), read whole."""
    head = fh.read(_HEAD)
    if looks_binary(head):
        yield InputDocument(text="", origin=origin).fail(
            f"{origin}: looks like a binary file, not text; not analysed"
        )
        return
    start = head.lstrip()[:1]
    first_line = head.lstrip().split(b"\n", 1)[0]
    spread = suffix == ".json" and start == b"{" and not _whole_json(first_line)
    if wide_encoding(head) or start == b"[" or spread:
        # an array, a pretty-printed object, or UTF-16/32: read it whole
        yield from read_stream(head + fh.read(), origin, published, suffix=".json")
        return
    fh.seek(0)
    warnings: list[str] = []
    for lineno, raw_line in enumerate(fh, 1):
        if not raw_line.strip():
            continue
        where = f"{origin}:{lineno}"
        yield json_line(decode(raw_line, where, warnings), where, published, warnings)
        warnings = []


def _whole_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


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
        return list(read_jsonl(text, origin, published, warnings=warnings))
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
    if head.startswith(("{", "[{")):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def parse_json(text: str) -> tuple[Any, str | None]:
    """(value, None), or (None, why it is not JSON we read): malformed, a number too long,
    nesting too deep. Never raises."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as err:
        return None, f"malformed JSON ({err.msg} at line {err.lineno} column {err.colno})"
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        return None, f"JSON not readable ({err})"


def read_jsonl(
    text: str,
    origin: str,
    published: str | None = None,
    *,
    warnings: list[str] | None = None,
) -> Iterator[InputDocument]:
    """One document per line: {"id", "text", "published", "url", "title"}; only text required.

    A text holding one JSON value (an object, or an array of objects, pretty-printed or
    not) is read as that value.
    """
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        whole, problem = parse_json(stripped)
        if isinstance(whole, list | dict):
            items = whole if isinstance(whole, list) else [whole]
            for n, item in enumerate(items, 1):
                yield from_object(item, f"{origin}#{n}", published, list(warnings or []))
            return
        first = stripped.split("\n", 1)[0].strip()
        if problem is not None and "\n" in stripped and not first.endswith(("}", "]")):
            # one JSON document spread over lines, broken: one failure, not one per line
            doc = InputDocument(text="", origin=origin, warnings=list(warnings or []))
            yield doc.fail(f"{origin}: {problem}; skipped")
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield json_line(line, f"{origin}:{lineno}", published, list(warnings or []))


def json_line(line: str, where: str, published: str | None, warnings: list[str]) -> InputDocument:
    """The document of one JSON line, or a failed one saying why the line is not one."""
    item, problem = parse_json(line)
    if problem is not None:
        doc = InputDocument(text="", origin=where, warnings=warnings)
        return doc.fail(f"{where}: {problem}; skipped")
    return from_object(item, where, published, warnings)


def from_object(item: Any, where: str, published: str | None, warnings: list[str]) -> InputDocument:
    """The document of one article object (a JSON object, a table row): `text` is needed,
    `id`, `published`, `url` and `title` are taken when they are usable."""
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
    except Exception:  # lxml gives up on some pages (e.g. nested thousands of levels deep)
        text = ""
    if not text.strip():
        text = _flat_html_text(html)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


class _TextOnly(HTMLParser):
    """The character data of a page outside script and style, read as a flat stream of tags
    (no tree, so no depth limit)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style", "noscript"):
            self._skip += 1
        elif tag in ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _flat_html_text(html: str) -> str:
    parser = _TextOnly()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        return ""
    return "".join(parser.parts)
