"""`dossier ingest`: readers (WARC, RSS/Atom), idempotence, kill-and-resume, failures, CLI."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_fixtures import FakeAnalyzer
from dossier.cli import cli
from dossier.ingest.feeds import html_to_text, is_feed, read_feed
from dossier.ingest.warc import read_warc
from dossier.store import queries
from dossier.store.core import Store
from dossier.store.ingest import ingest, iter_corpus_documents

TESTS = Path(__file__).parent


def article(n: int) -> str:
    return (
        f"Article {n}: Israel struck Hezbollah positions near the border on Monday, the army "
        f"said, and the group said it would answer the attack number {n} in the coming days."
    )


def write_jsonl(path: Path, n: int, start: int = 0) -> Path:
    with path.open("w") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps({"id": f"d{i}", "text": article(i), "published": "2024-03-04"}))
            fh.write("\n")
    return path


def make_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        pages = [
            ("https://news.example.com/a", "text/html; charset=utf-8", article(1), "200"),
            ("https://news.example.com/logo.png", "image/png", "PNGDATA", "200"),
            ("https://news.example.com/b", "text/html", article(2), "200"),
            ("https://news.example.com/gone", "text/html", "moved", "301"),
        ]
        for uri, ctype, body, status in pages:
            html = (
                f"<html><head><title>Page {uri[-1]}</title></head><body><article><p>{body}</p>"
                f"<p>{body}</p></article></body></html>"
            ).encode()
            headers = StatusAndHeaders(
                f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(html), http_headers=headers
            )
            writer.write_record(record)
    return path


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Strike &amp; response</title><link>https://wire.example.org/1</link>
<guid>wire-1</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{a}&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;paragraph&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://wire.example.org/2</link><description></description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Talks</title><id>urn:atom:1</id><link href="https://atom.example.net/1"/>
<updated>2024-03-06T08:00:00Z</updated>
<content type="html">&lt;p&gt;{a}&lt;/p&gt;</content></entry></feed>
"""


def test_warc_reader_keeps_html_responses(tmp_path: Path) -> None:
    docs = list(read_warc(make_warc(tmp_path / "crawl.warc.gz")))
    assert [d.url for d in docs] == ["https://news.example.com/a", "https://news.example.com/b"]
    assert all(d.status == "ok" and "Israel struck Hezbollah" in d.text for d in docs)
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"this is not a web archive\n" * 20)
    bad = list(read_warc(broken))
    assert bad and bad[-1].status == "failed"
    assert "no HTML response records" in bad[-1].warnings[-1]


def test_feed_reader_rss_and_atom(tmp_path: Path) -> None:
    rss = tmp_path / "wire.xml"
    rss.write_text(RSS.format(a=article(1)))
    atom = tmp_path / "wire.atom"
    atom.write_text(ATOM.format(a=article(2)))
    assert is_feed(rss) and is_feed(atom) and not is_feed(tmp_path / "x.txt")
    docs = list(read_feed(rss))
    assert docs[0].id == "wire-1" and docs[0].published == "2024-03-05"
    assert docs[0].title == "Strike & response" and docs[0].url == "https://wire.example.org/1"
    assert docs[0].text.endswith("Second paragraph.") and "<" not in docs[0].text
    assert docs[1].status == "failed" and "no content" in docs[1].warnings[0]
    (entry,) = read_feed(atom)
    assert entry.id == "urn:atom:1" and entry.published == "2024-03-06"
    assert html_to_text("<p>a &amp; b</p><script>x()</script>") == "a & b"


def test_corpus_documents_walk_folders_of_all_kinds(tmp_path: Path) -> None:
    make_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "feed.rss").write_text(RSS.format(a=article(3)))
    write_jsonl(tmp_path / "more.jsonl", 2, start=10)
    (tmp_path / "one.txt").write_text(article(20))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    docs = list(iter_corpus_documents([tmp_path]))
    assert len(docs) == 2 + 2 + 2 + 1
    assert sum(d.status == "ok" for d in docs) == 6


def test_ingest_is_idempotent_and_skips_before_analysis(store_url: str, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", 5)
    with Store(store_url) as store:
        fake = FakeAnalyzer()
        report = ingest(store, iter_corpus_documents([src]), analyzer=fake, batch_size=2)
        assert report.stored == 5 and report.batches == 3
        assert store.counts()["documents"] == 5
        events = queries.events(store, actor="Israel")
        assert len(events) == 1 and events[0]["n_mentions"] == 5  # one strike, five reports
        again = FakeAnalyzer()
        report = ingest(store, iter_corpus_documents([src, src]), analyzer=again)
        assert report.stored == 0 and report.skipped_known == 10
        assert again.seen == []  # nothing analysed
        write_jsonl(tmp_path / "b.jsonl", 3, start=4)  # one old, two new, one duplicate line
        with (tmp_path / "b.jsonl").open("a") as fh:
            fh.write(json.dumps({"text": article(6)}) + "\n")
        report = ingest(store, iter_corpus_documents([tmp_path / "b.jsonl"]), analyzer=again)
        assert (report.stored, report.skipped_known, report.duplicates) == (2, 1, 1)
        assert store.counts()["documents"] == 7


def test_failures_are_recorded_with_reason(sqlite_url: str, tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"text": 5}\nnot json\n')
    (tmp_path / "fr.txt").write_text(
        "Le gouvernement a annoncé lundi une nouvelle série de "
        "mesures pour les régions touchées par les inondations."
    )
    with Store(sqlite_url) as store:
        report = ingest(store, iter_corpus_documents([tmp_path]), analyzer=FakeAnalyzer())
        assert report.failed == 2 and report.not_analysed == 1
        failed = queries.documents(store, status="failed")
        reasons = " | ".join(r["reason"] for r in failed)
        assert 'no "text" string' in reasons and "malformed JSON" in reasons
        skipped = queries.documents(store, status="skipped")
        assert "does not look like English" in skipped[0]["reason"]
        report = ingest(store, iter_corpus_documents([tmp_path]), analyzer=FakeAnalyzer())
        assert report.stored == 0 and report.skipped_known == 3


def test_a_record_the_store_rejects_is_stored_as_failed(sqlite_url: str, tmp_path: Path) -> None:
    class Breaking(FakeAnalyzer):
        def analyze_documents(self, documents):  # type: ignore[no-untyped-def]
            for record in super().analyze_documents(documents):
                if record.id == "d1":
                    record.entities[0].name = None  # type: ignore[assignment]
                yield record

    with Store(sqlite_url) as store:
        src = write_jsonl(tmp_path / "a.jsonl", 3)
        report = ingest(store, iter_corpus_documents([src]), analyzer=Breaking())
        assert report.stored == 3 and report.failed == 1
        (row,) = queries.documents(store, status="failed")
        assert row["doc_id"] == "d1" and "store failed" in row["reason"]


KILL_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from corpus_fixtures import FakeAnalyzer
from dossier.store.core import Store
from dossier.store.ingest import ingest, iter_corpus_documents
store = Store({url!r})
report = ingest(store, iter_corpus_documents([{src!r}]), analyzer=FakeAnalyzer(delay={delay}),
                batch_size=3)
print("DONE", report.stored, report.skipped_known, flush=True)
"""


def test_kill_and_resume_loses_nothing_and_doubles_nothing(store_url: str, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "many.jsonl", 40)
    script = tmp_path / "run.py"
    script.write_text(KILL_SCRIPT.format(tests=str(TESTS), url=store_url, src=str(src), delay=0.05))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    with Store(store_url) as store:
        deadline = time.time() + 60
        while store.counts()["documents"] < 6 and time.time() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stored = store.counts()["documents"]
        assert 6 <= stored < 40, stored
        assert stored % 3 == 0  # whole batches only
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split()[:3] == ["DONE", str(40 - stored), str(stored)]
    with Store(store_url) as store:
        counts = store.counts()
        assert counts["documents"] == 40
        assert counts["event_mentions"] == 40
        ids = {r["doc_id"] for r in queries.documents(store, limit=100)}
        assert ids == {f"d{i}" for i in range(40)}
        (event,) = queries.events(store)
        assert event["n_mentions"] == 40 and event["n_documents"] == 40
        israel = queries.actors(store, name="Israel")[0]
        assert israel["n_documents"] == 40 and israel["n_mentions"] == 40


def test_cli_ingest_query_actors_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.analyzer

    monkeypatch.setattr(dossier.analyzer, "Analyzer", FakeAnalyzer)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    src = write_jsonl(tmp_path / "a.jsonl", 4)
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(src), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    assert "4 stored" in result.output
    result = runner.invoke(cli, ["ingest", str(src), "--db", db, "-q"])
    assert "0 stored" in result.output and "4 already in the store" in result.output
    result = runner.invoke(
        cli,
        [
            "query",
            "events",
            "--db",
            db,
            "--actor",
            "Israel",
            "--type",
            "assault",
            "--since",
            "2024-01-01",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["n_mentions"] == 4
    result = runner.invoke(cli, ["actors", "--db", db, "--format", "csv"])
    lines = result.output.splitlines()
    assert lines[0].startswith("id,name,") and len(lines) > 2
    result = runner.invoke(cli, ["graph", "--db", db, "--format", "json"])
    assert json.loads(result.output)["edges"][0]["conflict"] == 1
    result = runner.invoke(cli, ["query", "search", "border attack", "--db", db])
    assert result.exit_code == 0 and "search: border attack" in result.output
    result = runner.invoke(cli, ["query", "search", "border attack", "--db", db, "--format", "csv"])
    assert result.exit_code == 0 and "Israel struck" in result.output
    result = runner.invoke(
        cli, ["query", "statements", "--db", db, "--speaker", "x", "--format", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.output) == []
    result = runner.invoke(cli, ["query", "events", "--db", db, "--since", "yesterday"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = runner.invoke(cli, ["ingest", str(src), "--db", db, "--published", "yesterday"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = runner.invoke(cli, ["actors", "--db", "mysql://nope"])
    assert result.exit_code != 0 and "unsupported" in result.output


@pytest.mark.slow
def test_end_to_end_through_the_analyzer(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e2e.db'}"
    texts = [
        "Israeli jets struck Hezbollah positions in southern Lebanon on Monday, the Israeli "
        "military said. Hezbollah said it would retaliate.",
        "Iran's foreign minister met his Omani counterpart in Muscat on Tuesday to discuss "
        "the ceasefire talks, the ministry said in a statement.",
    ]
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"text": t, "published": "2024-03-04"}) + "\n" for t in texts)
    )
    result = CliRunner().invoke(cli, ["ingest", str(src), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert queries.summary(store)["documents_by_status"] == {"ok": 2}
        assert store.counts()["actors"] > 0
        assert queries.search(store, "ceasefire")
    result = CliRunner().invoke(cli, ["ingest", str(src), "--db", db, "-q"])
    assert "2 already in the store" in result.output
