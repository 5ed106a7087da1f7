"""The same readers everywhere: every input format through `analyze` and `ingest` alike."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.ingest.readers import iter_documents
from dossier.ingest.tables import parse_columns, read_table
from dossier.store.core import Store
from dossier.store.ingest import ingest, iter_corpus_documents
from test_ingest import ATOM, RSS, article, make_warc


def _corpus(folder: Path) -> dict[str, int]:
    """One folder with a file of every format; returns how many documents each holds."""
    folder.mkdir()
    (folder / "a.txt").write_text(article(1), encoding="utf-8")
    (folder / "b.html").write_text(
        f"<html><head><title>B</title></head><body><article><p>{article(2)}</p>"
        f"<p>{article(2)}</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "c.jsonl").write_text(
        "\n".join(json.dumps({"id": f"c{i}", "text": article(i)}) for i in (3, 4)) + "\n",
        encoding="utf-8",
    )
    (folder / "d.json").write_text(
        json.dumps([{"id": "d1", "text": article(5)}, {"id": "d2", "text": article(6)}], indent=2),
        encoding="utf-8",
    )
    (folder / "e.csv").write_text(
        'id,text,published,url\ne1,"' + article(7) + '",2024-03-04,https://csv.example/1\n',
        encoding="utf-8",
    )
    (folder / "f.tsv").write_text("id\ttext\nf1\t" + article(8) + "\n", encoding="utf-8")
    pq.write_table(
        pa.table({"id": ["g1", "g2"], "text": [article(9), article(10)], "title": ["G1", "G2"]}),
        folder / "g.parquet",
    )
    make_warc(folder / "h.warc.gz")
    (folder / "i.rss").write_text(RSS.format(a=article(11)), encoding="utf-8")
    (folder / "j.xml").write_text(ATOM.format(a=article(12)), encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not an input format: passed over
    return {"a": 1, "b": 1, "c": 2, "d": 2, "e": 1, "f": 1, "g": 2, "h": 2, "i": 2, "j": 1}


def _key(origin: str) -> str:
    return Path(origin.split("#")[0].split(":")[0]).name.split(".")[0]


def test_every_format_is_read_by_one_reader(tmp_path: Path) -> None:
    expected = _corpus(tmp_path / "in")
    docs = list(iter_documents([tmp_path / "in"]))
    counts: dict[str, int] = {}
    for doc in docs:
        counts[_key(doc.origin)] = counts.get(_key(doc.origin), 0) + 1
    assert counts == expected
    by_id = {d.id: d for d in docs if d.id}
    assert by_id["e1"].published == "2024-03-04" and by_id["e1"].url == "https://csv.example/1"
    assert by_id["g2"].title == "G2" and "number 10" in by_id["g2"].text
    assert {d.url for d in docs if _key(d.origin) == "h"} == {
        "https://news.example.com/a",
        "https://news.example.com/b",
    }
    # ingest reads exactly what analyze reads
    again = list(iter_corpus_documents([tmp_path / "in"]))
    assert [(d.origin, d.id, d.text) for d in again] == [(d.origin, d.id, d.text) for d in docs]


def test_analyze_and_ingest_give_the_same_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus_fixtures import FakeAnalyzer

    _corpus(tmp_path / "in")
    monkeypatch.setattr("dossier.runner.Analyzer", lambda *a, **k: FakeAnalyzer(), raising=False)
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "in"), "-f", "jsonl", "-q"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 15
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        report = ingest(store, iter_corpus_documents([tmp_path / "in"]), analyzer=FakeAnalyzer())
    # every document analyze saw is stored (failed ones too, as data) or is a repeat of a
    # text stored in this run (the same page as .html and in the WARC)
    assert report.stored + report.duplicates == len(records)
    assert report.failed == sum(r["status"] == "failed" for r in records)
    warc_urls = sorted(r["url"] for r in records if (r.get("url") or "").startswith("https://news"))
    assert warc_urls == ["https://news.example.com/a", "https://news.example.com/b"]


def test_a_warc_file_analysed_directly_gives_one_record_per_html_response(tmp_path: Path) -> None:
    warc = make_warc(tmp_path / "crawl.warc.gz")
    docs = list(iter_documents([warc]))
    assert [d.url for d in docs] == ["https://news.example.com/a", "https://news.example.com/b"]
    assert all(d.status == "ok" for d in docs)


def test_tables_with_other_column_names(tmp_path: Path) -> None:
    table = tmp_path / "wire.csv"
    table.write_text('guid,body,day\nw1,"' + article(1) + '",2024-05-06\n', encoding="utf-8")
    [missing] = read_table(table)
    assert missing.status == "failed" and "--column text=" in missing.warnings[-1]
    columns = parse_columns(["text=body", "id=guid", "published=day"])
    [doc] = read_table(table, columns=columns)
    assert (doc.id, doc.published, doc.status) == ("w1", "2024-05-06", "ok")
    with pytest.raises(ValueError, match="not a field"):
        parse_columns(["body=text"])
    result = CliRunner().invoke(cli, ["analyze", str(table), "--column", "txt"])
    assert result.exit_code == 2 and "FIELD=COLUMN" in result.output


def test_a_damaged_table_is_a_failed_document(tmp_path: Path) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    [doc] = iter_documents([broken])
    assert doc.status == "failed" and "cannot read this table" in doc.warnings[-1]
