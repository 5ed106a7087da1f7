"""Read news pages out of WARC files (web crawls such as Common Crawl News), with warcio.

Every ``response`` record whose HTTP content type is HTML becomes one InputDocument through
`dossier.ingest.readers.read_html`, with the record's target URI as its url. Other records
(requests, metadata, images, redirects) are passed over. A damaged archive yields a failed
document with the reason instead of raising.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dossier.ingest.documents import InputDocument, decode, looks_binary
from dossier.ingest.readers import read_html

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str | Path, published: str | None = None) -> Iterator[InputDocument]:
    """The HTML pages in a WARC file, one InputDocument each, in archive order."""
    import logging

    from warcio.archiveiterator import ArchiveIterator

    logging.getLogger("warcio").setLevel(logging.ERROR)

    origin = str(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally, while the generator runs
    except OSError as err:
        yield InputDocument(text="", origin=origin).fail(f"{origin}: cannot read: {err.strerror}")
        return
    try:
        n = 0
        for record in ArchiveIterator(fh, arc2warc=True):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if status != "200" or "html" not in ctype:
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {n}"
            where = f"{origin}#{uri}"
            data = record.content_stream().read()
            if looks_binary(data):
                yield InputDocument(text="", origin=where, url=uri).fail(
                    f"{where}: response body looks binary; not analysed"
                )
                continue
            warnings: list[str] = []
            html = decode(data, where, warnings)
            doc = read_html(html, where, published, warnings)
            doc.url = uri
            yield doc
        if n == 0:
            yield InputDocument(text="", origin=origin).fail(
                f"{origin}: no HTML response records in this archive (not a WARC file?)"
            )
    except Exception as err:  # warcio raises several types on truncated or corrupt archives
        yield InputDocument(text="", origin=origin).fail(
            f"{origin}: damaged WARC archive ({type(err).__name__}: {err}); stopped reading it"
        )
    finally:
        fh.close()
