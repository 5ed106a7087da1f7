"""Analyse many documents with N worker processes, keeping input order.

Each worker loads the pipeline once and runs `nlp.pipe` over chunks of documents; the
parent reads inputs lazily, hands out chunks and yields records in input order.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from dossier.analyzer import Analyzer
from dossier.ingest.documents import DEFAULT_MAX_CHARS, InputDocument
from dossier.record import Record

_worker: Analyzer | None = None


def _init_worker(
    max_chars: int, batch_size: int, dictionaries: dict[str, list[str]] | None = None
) -> None:
    global _worker
    _worker = Analyzer(max_chars=max_chars, batch_size=batch_size, dictionaries=dictionaries)


def _work(chunk: list[InputDocument]) -> list[Record]:
    assert _worker is not None
    return list(_worker.analyze_documents(chunk))


def _chunks(items: Iterable[InputDocument], size: int) -> Iterator[list[InputDocument]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def run_batch(
    documents: Iterable[InputDocument],
    *,
    workers: int = 1,
    batch_size: int = 16,
    max_chars: int = DEFAULT_MAX_CHARS,
    analyzer: Analyzer | None = None,
    on_record: Callable[[Record], None] | None = None,
    dictionaries: dict[str, list[str]] | None = None,
) -> Iterator[Record]:
    """Records for `documents`, in input order.

    With `workers` > 1, documents go to that many processes in chunks of a quarter of
    `batch_size` (small chunks keep the workers evenly busy up to the last document; each
    worker still runs `nlp.pipe` over its chunk); with 1, they are analysed here (by
    `analyzer`, or a new one). `dictionaries`: PETRARCH/TABARI files to code with too.
    """
    if workers <= 1:
        analyzer = analyzer or Analyzer(
            max_chars=max_chars, batch_size=batch_size, dictionaries=dictionaries
        )
        for record in analyzer.analyze_documents(documents):
            if on_record:
                on_record(record)
            yield record
        return
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    # The pool reads its input as fast as it can: a semaphore keeps at most a few chunks per
    # worker in flight, so memory stays flat however many documents come.
    in_flight = threading.BoundedSemaphore(workers * 4)

    def throttled() -> Iterator[list[InputDocument]]:
        for chunk in _chunks(documents, max(1, batch_size // 4)):
            in_flight.acquire()
            yield chunk

    with context.Pool(
        workers, initializer=_init_worker, initargs=(max_chars, batch_size, dictionaries)
    ) as pool:
        for records in pool.imap(_work, throttled()):
            in_flight.release()
            for record in records:
                if on_record:
                    on_record(record)
                yield record
