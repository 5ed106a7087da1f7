"""One install: the wheel alone gives a working program; `dossier doctor`; the notebook view."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import venv
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.cli.doctor import checks

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = (
    'Minister Ana Duarte said on Friday that "<script>alert(1)</script>" was not a plan. '
    "The <b onmouseover=alert(2)>army</b> of Portugal denied it."
)


def test_doctor_reports_every_part_and_passes_with_the_model_installed() -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    for part in (
        "Dossier",
        "spaCy",
        "English model",
        "Gazetteer cache",
        "PostgreSQL driver",
        "Spark",
    ):
        assert part in result.output
    by_part = {c.part: c for c in checks()}
    assert by_part["English model"].ok and by_part["English model"].required
    assert not by_part["Spark"].required


class _TopLevel(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.srcdoc = ""
        self.sandbox: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "iframe":
            values = dict(attrs)
            self.srcdoc = values.get("srcdoc") or ""
            self.sandbox = values.get("sandbox")


def test_record_shows_itself_escaped_in_a_sandboxed_frame(analyzer) -> None:  # type: ignore[no-untyped-def]
    record = analyzer.analyze(HOSTILE, id="x<1>", published="2025-02-01")
    shown = record._repr_html_()
    parser = _TopLevel()
    parser.feed(shown)
    # the notebook sees only a caption and a frame: no script, no handler of the article's
    assert set(parser.tags) == {"div", "iframe"}
    assert parser.sandbox == "allow-scripts"
    assert "<script>alert" not in shown and "onmouseover=alert" not in shown
    # inside the frame: the same page as --format html, with the article text escaped
    from dossier.output.html import render_html

    assert parser.srcdoc == render_html(record, HOSTILE)
    assert html.escape("<script>alert(1)</script>") in parser.srcdoc
    assert "<script>alert(1)" not in parser.srcdoc


@pytest.mark.slow
def test_the_wheel_alone_installs_and_analyses(tmp_path: Path) -> None:
    """Build the wheel, install it into a fresh venv with pip (PyPI only), analyse a text."""
    # nothing of the source tree may leak in (a PYTHONPATH to src/ would make pip think the
    # project is installed already)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["DOSSIER_CACHE_DIR"] = str(tmp_path / "cache")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        env=env,
    )
    (wheel,) = wheels.glob("dossier-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / "bin"
    subprocess.run(
        [str(bindir / "pip"), "install", "-q", str(wheel)], check=True, env=env, timeout=1500
    )
    article = tmp_path / "article.txt"
    article.write_text(
        "Government troops attacked rebel positions near Aleppo on Monday, "
        "Syria's army said in a statement.",
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(bindir / "dossier"), "analyze", str(article), "--format", "jsonl", "-q"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["status"] == "ok"
    assert {e["name"] for e in record["entities"]} >= {"Syria"}
    assert record["events"], record
    # the Python API of the same install gives DataFrames (pandas comes with the wheel)
    frames = subprocess.run(
        [
            str(bindir / "python"),
            "-c",
            "import sys; from dossier import Analyzer, to_frames; "
            "r = Analyzer().analyze(open(sys.argv[1]).read()); "
            "print(len(to_frames([r])['events']), len(r.events))",
            str(article),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert frames.returncode == 0, frames.stderr[-2000:]
    rows, events = frames.stdout.split()
    assert rows == events != "0"
    # the installed program is the wheel's, not the source tree's
    where = subprocess.run(
        [str(bindir / "python"), "-c", "import dossier; print(dossier.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert str(env_dir) in where
