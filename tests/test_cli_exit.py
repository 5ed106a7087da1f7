"""Exit codes and streaming output of `dossier analyze`: 0 all analysed, 1 some not, 2 usage
or output error (reported before any analysis), 130 interrupted with the records so far kept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli

ARTICLE = (
    "Government troops shelled rebel positions outside the northern city on Tuesday, "
    "a military spokesman said, and the rebels said they had repelled the attack."
)


def _no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("analysis started before the output was checked")

    monkeypatch.setattr("dossier.runner.run_batch", refuse)


@pytest.mark.parametrize("where", ["missing-folder/x.jsonl", "."])
def test_bad_output_paths_exit_2_before_any_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    _no_analysis(monkeypatch)
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE)
    output = tmp_path / where
    result = CliRunner().invoke(cli, ["analyze", str(text), "-f", "jsonl", "-o", str(output)])
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_html_for_several_documents_without_a_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_analysis(monkeypatch)
    for n in range(2):
        (tmp_path / f"{n}.txt").write_text(ARTICLE)
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "-f", "html"])
    assert result.exit_code == 2 and "--output FOLDER" in result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_an_output_error_not_a_traceback(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE)
    exe = Path(sys.executable).with_name("dossier")
    proc = subprocess.run(
        [str(exe), "analyze", str(text), "-f", "jsonl", "-o", "/dev/full", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "No space left" in proc.stderr and "Traceback" not in proc.stderr


def test_ids_that_look_alike_on_disk_get_pages_of_their_own(tmp_path: Path) -> None:
    ids = ["a/b", "a_b", "a?b", "a_b"]
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": f"{ARTICLE} ({n})"}) + "\n" for n, i in enumerate(ids))
    )
    out = tmp_path / "pages"
    result = CliRunner().invoke(cli, ["analyze", str(source), "-f", "html", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in out.iterdir())
    assert len(pages) == 4 and "a_b.html" in pages


def test_ctrl_c_keeps_the_records_written_and_exits_130(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"d{n}", "text": f"{ARTICLE} ({n})"}) + "\n" for n in range(400))
    )
    out = tmp_path / "out.jsonl"
    exe = Path(sys.executable).with_name("dossier")
    proc = subprocess.Popen(
        [
            str(exe),
            "analyze",
            str(source),
            "-f",
            "jsonl",
            "-o",
            str(out),
            "-q",
            "--batch-size",
            "4",
        ],
        stderr=subprocess.PIPE,
        text=True,
        # as in a terminal: a test run started in the background (`cmd &` in a script) ignores
        # SIGINT, and a child would inherit that and never see the Ctrl-C
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 2000):
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.kill(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    lines = out.read_text().splitlines()
    assert 0 < len(lines) < 400
    assert [json.loads(line)["id"] for line in lines] == [f"d{n}" for n in range(len(lines))]
