"""The store's search passages are the sentences of the parse, handed over in the record."""

from __future__ import annotations

from sqlalchemy import select

from dossier.ingest.documents import InputDocument, prepare
from dossier.store import schema as t
from dossier.store.core import Store, meta_for

TEXT = (
    "Army chief visits flooded border towns\n"
    "The army chief, Gen. A. B. Okafor, visited three towns on Friday. He met officials "
    "of the U.N. refugee agency there."
)


def test_passages_follow_the_parsers_sentences(analyzer, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    [record] = analyzer.analyze_documents([prepare(InputDocument(text=TEXT, id="s"))])
    sentences = [TEXT[a:b] for a, b in record.sentences]
    assert sentences[0] == "Army chief visits flooded border towns"  # the line break ends it
    assert all(s == s.strip() and s for s in sentences)
    assert len(sentences) >= 3
    store = Store(sqlite_url)
    store.add_records([(record, meta_for(record))])
    p = t.passages.c
    with store.engine.connect() as conn:
        stored = [
            (a, b)
            for a, b in conn.execute(
                select(p.start_char, p.end_char).where(p.kind == "sentence").order_by(p.id)
            )
        ]
    store.close()
    assert stored == [tuple(s) for s in record.sentences]
