"""`dossier ingest`: read documents, skip those already stored, analyse the rest, store them.

* Idempotent: a document whose text (SHA-256) is already stored is skipped *before*
  analysis; the same text twice in one run is stored once.
* Resumable: documents are stored in batches, one transaction each, so a run that is killed
  (even with SIGKILL) leaves only whole batches behind; running it again skips them and
  stores the rest, so every document ends up stored exactly once (the unique content hash
  guarantees it).
* Failures are data: a document that cannot be read or analysed is stored with
  ``status`` failed (or skipped, for non-English or empty texts) and the reason; it is not
  retried on the next run unless ``--retry-failed`` is given.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, select

from dossier.ingest.documents import DEFAULT_MAX_CHARS, InputDocument
from dossier.ingest.readers import is_input_file, iter_documents
from dossier.record import Record
from dossier.store import schema as t
from dossier.store.core import DocumentMeta, Store
from dossier.store.text import content_hash


class AnalyzerLike(Protocol):
    def analyze_documents(self, documents: Iterable[InputDocument]) -> Iterator[Record]: ...


def is_corpus_file(path: Path) -> bool:
    """Whether `ingest` reads `path` in a folder: the same files as `analyze`."""
    return is_input_file(path)


def iter_corpus_documents(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    columns: Mapping[str, str] | None = None,
) -> Iterator[InputDocument]:
    """Documents under `paths`, read as `analyze` reads them (`iter_documents`)."""
    return iter_documents(paths, published=published, max_chars=max_chars, columns=columns)


def document_hash(doc: InputDocument) -> str:
    """The store identity of an input: its text, or for unreadable inputs where and why."""
    if doc.text:
        return content_hash(doc.text)
    return content_hash(f"unreadable:{doc.origin or doc.id}:{doc.status}")


@dataclass
class IngestReport:
    stored: int = 0
    skipped_known: int = 0
    duplicates: int = 0
    failed: int = 0
    not_analysed: int = 0
    batches: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rate = self.stored / self.seconds if self.seconds else 0.0
        return (
            f"{self.stored} stored ({self.failed} failed, {self.not_analysed} skipped as "
            f"not analysable), {self.skipped_known} already in the store, "
            f"{self.duplicates} duplicate(s) in this run; {self.batches} batch(es) "
            f"in {self.seconds:.1f}s ({rate:.1f} documents/s)"
        )


class _Progress(Protocol):
    def update(self, report: IngestReport) -> None: ...


def ingest(
    store: Store,
    documents: Iterable[InputDocument],
    *,
    analyzer: AnalyzerLike | None = None,
    batch_size: int = 32,
    retry_failed: bool = False,
    progress: _Progress | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Analyse and store every document not stored yet; one transaction per batch.

    `report` (a new one if not given) is filled as batches are stored, so a caller that is
    interrupted still knows what was stored."""
    store.check_writable()  # a read-only store is refused before any analysis
    report = report if report is not None else IngestReport()
    started = time.perf_counter()
    metas: deque[DocumentMeta] = deque()
    seen: set[str] = set()
    holder: list[AnalyzerLike] = [analyzer] if analyzer is not None else []

    def fresh() -> Iterator[InputDocument]:
        for chunk in _chunks(documents, 256):
            hashes = [document_hash(d) for d in chunk]
            known = store.known_hashes(hashes)
            if retry_failed and known:
                known -= _forget_failed(store, known)
            for doc, digest in zip(chunk, hashes, strict=True):
                if digest in known:
                    report.skipped_known += 1
                elif digest in seen:
                    report.duplicates += 1
                else:
                    seen.add(digest)
                    metas.append(DocumentMeta(content_hash=digest, origin=doc.origin))
                    yield doc
            if progress:
                progress.update(report)

    pending = fresh()
    first = next(pending, None)
    if first is None:
        report.seconds = time.perf_counter() - started
        return report
    if not holder:
        from dossier.analyzer import Analyzer

        holder.append(Analyzer())

    def all_fresh() -> Iterator[InputDocument]:
        yield first
        yield from pending

    batch: list[tuple[Record, DocumentMeta]] = []
    for record in holder[0].analyze_documents(all_fresh()):
        batch.append((record, metas.popleft()))
        if len(batch) >= batch_size:
            _store_batch(store, batch, report)
            batch = []
            if progress:
                progress.update(report)
    if batch:
        _store_batch(store, batch, report)
    report.seconds = time.perf_counter() - started
    if progress:
        progress.update(report)
    return report


def _store_batch(
    store: Store, batch: list[tuple[Record, DocumentMeta]], report: IngestReport
) -> None:
    try:
        store.add_records(batch)
    except Exception:
        # One record broke the batch: store them one by one, a broken one as failed.
        for record, meta in batch:
            try:
                store.add_records([(record, meta)])
            except Exception as err:
                failed = Record(
                    id=record.id,
                    published=record.published,
                    url=record.url,
                    title=record.title,
                    text=record.text,
                    status="failed",
                    warnings=[*record.warnings, f"store failed: {type(err).__name__}: {err}"],
                )
                store.add_records([(failed, meta)])
                record = failed
            _count(record, report)
    else:
        for record, _ in batch:
            _count(record, report)
    report.batches += 1


def _count(record: Record, report: IngestReport) -> None:
    report.stored += 1
    if record.status == "failed":
        report.failed += 1
        report.failures.append(f"{record.id}: {'; '.join(record.warnings)}")
    elif record.status == "skipped":
        report.not_analysed += 1


def _forget_failed(store: Store, hashes: set[str]) -> set[str]:
    """Delete failed documents among `hashes`, with the rows that hang on them (a document
    that failed when the store did keeps its sentences), so they are analysed again."""
    d = t.documents.c
    with store.engine.begin() as conn:
        rows = conn.execute(
            select(d.id, d.content_hash).where(d.content_hash.in_(hashes), d.status == "failed")
        ).all()
        if rows:
            ids = [int(r[0]) for r in rows]
            for table in reversed(t.metadata.sorted_tables):  # children before parents
                if table is not t.documents and "document_id" in table.c:
                    conn.execute(delete(table).where(table.c.document_id.in_(ids)))
            conn.execute(delete(t.documents).where(d.id.in_(ids)))
    return {str(r[1]) for r in rows}


def _chunks(items: Iterable[InputDocument], size: int) -> Iterator[list[InputDocument]]:
    chunk: list[InputDocument] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
