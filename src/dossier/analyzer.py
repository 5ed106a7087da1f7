"""The public entry point: `Analyzer` turns texts into analysis records."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from dossier.ingest.documents import DEFAULT_MAX_CHARS, InputDocument, prepare
from dossier.knowledge.petrarch_dicts import KINDS
from dossier.nlp.pipeline import PipelineConfig, build_pipeline
from dossier.nlp.record_builder import build_record
from dossier.nlp.state import doc_text, get_state
from dossier.record import Record


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# spaCy's lemmatizer cache is emptied after a batch once it holds more words than this
LEMMA_CACHE_MAX = 20_000
# The C heap's free pages go back to the system once this many documents were analysed since
# they last did. Not after every batch: the next batch would fault the same pages in again
# (a batch of 16 news articles frees some 150 MB; faulting them in again took about 4 ms of
# system time per document).
TRIM_AFTER_DOCUMENTS = 128

# touches every component: a dateline, people and titles, a quote, a reported event, places
_WARM_UP = (
    "GENEVA (Reuters) - Foreign Minister Anna Berg said on Monday that government forces "
    'attacked rebel positions near Aleppo. "We will respond," a rebel spokesman told '
    "reporters in Damascus, adding that Turkey had sent troops to the border near Kandahaar."
)  # a misspelt town, so that the places' fuzzy vocabulary is built (and frozen) here too


class Analyzer:
    """Loads the pipeline once; analyses one text or many.

    >>> analyzer = Analyzer()
    >>> record = analyzer.analyze("Iran said on Monday ...", published="2025-01-08")
    """

    def __init__(
        self,
        config: PipelineConfig | None = None,
        *,
        max_chars: int = DEFAULT_MAX_CHARS,
        batch_size: int = 16,
        dictionaries: Mapping[str, Sequence[str | Path]] | None = None,
    ) -> None:
        """`dictionaries`: PETRARCH/TABARI dictionaries to code with, kind (verbs, actors,
        agents, discards) -> paths; an unreadable file raises DictionaryError."""
        if dictionaries:
            unknown = set(dictionaries) - set(KINDS)
            if unknown:
                raise ValueError(
                    f"unknown dictionary kind {sorted(unknown)}; known: {', '.join(KINDS)}"
                )
            paths = {k: [str(p) for p in v] for k, v in dictionaries.items()}
            config = (config or PipelineConfig()).with_dictionaries(paths)
        self.nlp: Language = build_pipeline(config)
        self.max_chars = max_chars
        self.batch_size = batch_size
        self._untrimmed = 0  # documents analysed since the heap's free pages went back
        # The components build their knowledge tables (gazetteer, lexicons, ontology) on first
        # use: one short text builds them now, so that the freeze below covers them too.
        self.nlp(_WARM_UP)
        self._lemmatizer: Any = (
            self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.pipe_names else None
        )
        if not hasattr(self._lemmatizer, "cache"):
            self._lemmatizer = None
        # The model, vocabulary and knowledge tables live as long as the process: move them out
        # of the garbage collector's generations, or every full collection walks them again
        # (a few ms per document once the components allocate their per-document objects).
        gc.collect()
        gc.freeze()

    def analyze(self, text: str, *, id: str = "", published: str | None = None) -> Record:
        """Analyse one text."""
        doc = prepare(InputDocument(text=text, id=id, published=published), self.max_chars)
        return next(self.analyze_documents([doc]))

    def analyze_documents(self, documents: Iterable[InputDocument]) -> Iterator[Record]:
        """Analyse many documents through `nlp.pipe`, in input order, one record each.

        A document that was refused on input (empty, binary, not English ...) or that fails
        inside the pipeline yields a record with empty lists and the reason in `warnings`.
        """
        pending: list[InputDocument] = []
        for document in documents:
            pending.append(document)
            if len(pending) >= self.batch_size:
                yield from self._batch(pending)
                pending = []
        if pending:
            yield from self._batch(pending)

    def _batch(self, documents: list[InputDocument]) -> list[Record]:
        ready = [d for d in documents if d.status == "ok"]
        results: dict[int, Record] = {}
        with collector_paused(), self._memory_zone(len(ready)):
            failure: BaseException | None = None
            try:
                docs = self.nlp.pipe(self._make_docs(ready))
                for document, doc in zip(ready, docs, strict=True):
                    results[id(document)] = self._record(document, doc)
            except Exception:
                # One document broke the batch: redo them one by one to isolate it.
                for document in ready:
                    if id(document) not in results:
                        results[id(document)] = self._one(document)
            except BaseException as interrupt:  # Ctrl-C: leave the zone first, then raise
                failure = interrupt
        if failure is not None:
            raise failure
        return [results.get(id(d)) or failed_record(d) for d in documents]

    @contextmanager
    def _memory_zone(self, documents: int) -> Iterator[None]:
        """Everything spaCy adds to its vocabulary and string store for one batch (a lexeme and
        strings for every new word, its tokenizer cache) is freed after the batch, so memory
        stays flat however many documents come. The records are plain data, built inside the
        zone; no Doc, Span, Token or Lexeme of the batch is used after it. `documents`: how
        many the batch analyses (counted for `release_free_memory`)."""
        vocab: Any = self.nlp.vocab
        if vocab.in_memory_zone:  # zones do not nest: the caller's one frees it all
            yield
            return
        with self.nlp.memory_zone():
            yield
        lemmatizer = self._lemmatizer
        if lemmatizer is not None and len(lemmatizer.cache) > LEMMA_CACHE_MAX:
            # spaCy's rule lemmatizer caches each word it has seen, without bound
            lemmatizer.cache.clear()
        self._untrimmed += documents
        if self._untrimmed >= TRIM_AFTER_DOCUMENTS:
            self._untrimmed = 0
            release_free_memory()

    def _one(self, document: InputDocument) -> Record:
        try:
            doc = self.nlp(self._make_docs([document])[0])
            return self._record(document, doc)
        except Exception as err:  # reported in the record, never raised
            document.status = "failed"
            document.warnings.append(f"analysis failed: {type(err).__name__}: {err}")
            return failed_record(document)

    def _make_docs(self, documents: list[InputDocument]) -> list[Doc]:
        docs = []
        for document in documents:
            doc = self.nlp.make_doc(document.text)
            doc._.published = parse_date(document.published)
            # the tokenizer keeps every character: `doc.text` is the input text, which the
            # components then need not join again from the tokens
            get_state(doc)._text = document.text
            docs.append(doc)
        return docs

    def _record(self, document: InputDocument, doc: Doc) -> Record:
        record = build_record(doc, doc_id=document.id, published=document.published)
        record.warnings[:0] = document.warnings
        record.url, record.title, record.text = document.url, document.title, document.text
        record.status = document.status
        record.sentences = sentence_spans(doc)
        # what the components kept on the Doc (some of it points back to the Doc) goes now,
        # and the Doc with it, while the memory zone it was made in is still open
        doc.user_data.clear()
        return record


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the parse, cut again at line breaks (a headline the
    parser joined to the first line of the body), whitespace trimmed, empty ones dropped."""
    text = doc_text(doc)  # kept on the state: `doc.text` joins every token again
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in text[start : sent.end_char].split("\n"):
            left = len(piece) - len(piece.lstrip())
            right = len(piece.rstrip())
            if right > left:
                spans.append((start + left, start + right))
            start += len(piece) + 1
    return spans


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one batch.

    The components make a few thousand small objects per document, and every one of them
    lives until the batch's records are built: the collector would walk them again and
    again (about 1 ms per document) to find next to nothing, as they hardly ever form
    reference cycles. Objects are still freed as soon as they are unused, and the collector
    resumes after the batch (as it was: a caller that disabled it keeps it disabled).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, where the C library has it (Linux), else None."""
    name = ctypes.util.find_library("c")
    try:
        trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None
    return cast("Callable[[int], int] | None", trim)


_TRIM = _malloc_trim()


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the system (every TRIM_AFTER_DOCUMENTS
    documents). A batch's Docs, arrays and strings are freed when it ends, but glibc keeps
    the freed pages in its arenas, so the process's resident size would climb with the
    largest batches seen."""
    if _TRIM is not None:
        _TRIM(0)


def failed_record(document: InputDocument) -> Record:
    """The record of a document that could not be analysed: empty lists and the reason."""
    return Record(
        id=document.id,
        published=document.published,
        url=document.url,
        title=document.title,
        text=document.text or None,
        warnings=list(document.warnings) or ["not analysed"],
        status=document.status if document.status != "ok" else "failed",
    )
