"""The command line end to end (in-process via click's runner, and one real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import cli

ARTICLE = (
    "Israeli jets struck targets near Damascus on Sunday, the Syrian army said. "
    "“We will respond at the right time,” said Gen. Ali Mahmoud, a Syrian army spokesman. "
    "Russia condemned the strikes."
)


def test_analyze_json_and_jsonl_keep_order_and_failures(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "x1", "text": ARTICLE, "published": "2024-03-01"}) + "\n{broken\n"
    )
    result = CliRunner().invoke(
        cli, ["analyze", str(tmp_path), "--format", "jsonl", "-q", "--published", "2024-02-02"]
    )
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in records] == ["ok", "skipped", "ok", "failed"]
    assert records[2]["id"] == "x1" and records[2]["published"] == "2024-03-01"
    assert records[0]["published"] == "2024-02-02"
    for record in records:
        assert set(record) >= {
            "id",
            "published",
            "entities",
            "statements",
            "events",
            "places",
            "relations",
            "warnings",
        }
    text = ARTICLE
    for entity in records[0]["entities"]:
        for span in entity["mentions"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_analyze_text_and_html_formats(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + " <script>alert(1)</script>")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Damascus" in result.stdout
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["analyze", str(path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_bad_date_and_missing_input_are_usage_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "x.txt", "--published", "March"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path)])
    assert result.exit_code == 2 and "no documents" in result.output


def test_schema_command_prints_json_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Dossier analysis record"
    assert {"entities", "statements", "events", "places", "relations"} <= set(schema["properties"])


def test_real_process_with_two_workers_and_stdin(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"d{i}", "text": ARTICLE}) + "\n" for i in range(6))
    exe = Path(sys.executable).with_name("dossier")
    proc = subprocess.run(
        [str(exe), "analyze", "-", "--format", "jsonl", "--workers", "2", "--batch-size", "2"],
        input=lines,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == [f"d{i}" for i in range(6)]
    assert "Traceback" not in proc.stderr


def test_fifty_megabyte_file_is_capped_not_hung(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    paragraph = (ARTICLE + "\n\n").encode()
    with path.open("wb") as fh:
        for _ in range(50_000_000 // len(paragraph) + 1):
            fh.write(paragraph)
    assert path.stat().st_size >= 50_000_000
    result = CliRunner().invoke(cli, ["analyze", str(path), "--max-chars", "20000", "-q"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert any("truncated" in w for w in record["warnings"])
    assert record["entities"]
