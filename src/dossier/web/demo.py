"""`dossier serve --demo`: the bundled example articles analysed into a temporary store."""

from __future__ import annotations

from pathlib import Path

from dossier.store.core import Store
from dossier.store.ingest import AnalyzerLike, IngestReport, ingest, iter_corpus_documents

ARTICLES = Path(__file__).parent / "demo" / "articles.jsonl"


def load_demo(store: Store, *, analyzer: AnalyzerLike | None = None) -> IngestReport:
    """Analyse the bundled example articles (JSON Lines with dates and titles) into `store`."""
    return ingest(store, iter_corpus_documents([ARTICLES]), analyzer=analyzer)
