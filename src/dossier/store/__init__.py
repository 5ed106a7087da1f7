"""The corpus store: many analysed documents in SQLite or PostgreSQL, merged and queryable.

>>> from dossier.store import Store, queries
>>> store = Store("sqlite:///dossier.db")          # migrated to the newest schema on open
>>> queries.events(store, actor="Iran", type="ASSAULT", since="2024-01-01")

See docs/corpus.md; merging rules in `dossier.store.merge`.
"""

from dossier.store.core import DocumentMeta, Store, meta_for
from dossier.store.engine import DEFAULT_URL, StoreError

__all__ = ["DEFAULT_URL", "DocumentMeta", "Store", "StoreError", "meta_for"]
