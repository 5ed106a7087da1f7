"""Reading inputs: plain text, HTML, JSON Lines, folders, with bad-input handling."""

from dossier.ingest.documents import InputDocument
from dossier.ingest.readers import iter_documents

__all__ = ["InputDocument", "iter_documents"]
