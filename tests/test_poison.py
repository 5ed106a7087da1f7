"""Poison documents: NUL, lone surrogates, over-long ids and URL hosts, absurd JSON.

Each is stored (or recorded as failed) on both backends, and never stops the documents
after it.
"""

from __future__ import annotations

import json
from pathlib import Path

from corpus_fixtures import FakeAnalyzer, strike_record
from dossier.ingest.documents import MAX_ID_CHARS, InputDocument, prepare
from dossier.ingest.readers import iter_documents
from dossier.record import Entity, Span
from dossier.store import queries
from dossier.store.core import DocumentMeta, Store
from dossier.store.ingest import ingest

BODY = "Rebels attacked Kandahar and Herat on Monday, the army said in a statement."


def _poison_docs() -> list[InputDocument]:
    docs = [
        InputDocument(text=f"Police arrested two men in Basra \x00 on Friday. {BODY}", id="nul"),
        InputDocument(text=f"Troops entered Mosul \udc80 on Monday. {BODY}", id="surrogate"),
        InputDocument(text=f"A long id. {BODY}", id="x" * 400),
        InputDocument(text=f"A long host. {BODY}", id="host", url="http://" + "h" * 350 + ".com/"),
        InputDocument(text=f"A long title. {BODY}", id="title\x00", title="t\udcff" * 3000),
        InputDocument(text=f"The last, ordinary document. {BODY}", id="last"),
    ]
    return [prepare(d) for d in docs]


def test_poison_documents_are_stored_on_both_backends(store_url: str) -> None:
    store = Store(store_url)
    report = ingest(store, _poison_docs(), analyzer=FakeAnalyzer(), batch_size=2)
    assert report.stored == 6 and report.failed == 0, report.failures
    rows = queries.documents(store, limit=10)
    ids = {r["doc_id"] for r in rows}
    assert "last" in ids and "nul" in ids
    assert all(len(i) <= MAX_ID_CHARS for i in ids)
    # the texts are stored with U+FFFD in place of NUL and the surrogate, offsets unchanged
    hits = queries.search(store, "Basra")
    assert hits and "\x00" not in hits[0]["text"]
    # a NUL or a lone surrogate in a read parameter is not an error either
    assert isinstance(queries.search(store, "a\x00"), list)
    assert queries.actors(store, name="x\udc80") == []
    store.close()


def test_a_record_with_unsafe_strings_is_stored(store_url: str) -> None:
    """Records made elsewhere (read back from JSON) reach the store without InputDocument."""
    record = strike_record("Iran", published="2024-05-06")
    record.id = "r" * 700
    record.url = "https://" + "w" * 400 + ".example/"
    long_name = "Ministry\x00 of " + "Very " * 200 + "Long Names"
    record.entities.append(
        Entity(id="E99", name=long_name, type="ORG", mentions=[Span.of(record.text or "", 0, 4)])
    )
    store = Store(store_url)
    [doc_id] = store.add_records([(record, DocumentMeta(content_hash="h1", origin="x"))])
    again = store.add_records([(record, DocumentMeta(content_hash="h2", origin="x"))])
    assert doc_id >= 1 and again[0] != doc_id
    names = [a["name"] for a in queries.actors(store, name="Ministry", limit=5)]
    assert names and "\x00" not in names[0]
    store.close()


def test_json_that_breaks_the_parser_fails_one_line_only(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": BODY})
    lines = [
        '{"text": ' + "1" * 5000 + "}",  # int longer than Python converts
        "[" * 100_000 + "]" * 100_000,  # deeper than the recursion limit
        json.dumps({"id": "s", "text": "Troops entered \udc80 the town."}),
        good,
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    docs = list(iter_documents([path]))
    assert [d.status for d in docs] == ["failed", "failed", "ok", "ok"]
    assert "JSON" in docs[0].warnings[0] and "deep" in docs[1].warnings[0]
    assert "\udc80" not in docs[2].text and "\ufffd" in docs[2].text
    assert docs[3].id == "ok"


def test_pretty_printed_json_is_one_document(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "p", "text": BODY, "published": "2024-01-02"}, indent=2))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "a", "text": BODY}, {"id": "b", "text": BODY}], indent=1))
    docs = list(iter_documents([one, many]))
    assert [(d.id, d.status) for d in docs] == [("p", "ok"), ("a", "ok"), ("b", "ok")]
    assert docs[0].published == "2024-01-02"
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "id": "x",\n  "text": "unfinished\n')
    [doc] = iter_documents([broken])
    assert doc.status == "failed" and "malformed JSON" in doc.warnings[0]


def test_utf16_and_utf32_english_is_read_not_refused(tmp_path: Path) -> None:
    for n, encoding in enumerate(["utf-16", "utf-16-le", "utf-32", "utf-16-be"]):
        path = tmp_path / f"t{n}.txt"
        path.write_bytes(BODY.encode(encoding))
        [doc] = iter_documents([path])
        assert doc.status == "ok" and doc.text == BODY, (encoding, doc.warnings)


def test_fifo_and_deep_html_do_not_block_or_fail(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 6000 + f"<p>{BODY}</p>" + "</div>" * 6000)
    docs = {Path(d.origin).name: d for d in iter_documents([tmp_path])}
    assert "pipe.txt" not in docs  # passed over in a folder
    assert docs["deep.html"].status == "ok" and "Kandahar" in docs["deep.html"].text
    [named] = iter_documents([fifo])  # named explicitly: a clear failure, not a hang
    assert named.status == "failed" and "not a regular file" in named.warnings[0]
