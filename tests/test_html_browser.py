"""The HTML page in a real browser: Debian's Chromium driven by Playwright.

Skipped when /usr/bin/chromium (or $DOSSIER_CHROMIUM) is absent, unless
DOSSIER_REQUIRE_BROWSER=1 (CI sets it after scripts/install-chromium.sh): then a missing
browser fails the tests instead of hiding them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.output.html import render_html
from test_output import TEXT, make_record

CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("DOSSIER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing (run scripts/install-chromium.sh)")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install-chromium.sh)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


class OpenPage:
    """A rendered page opened from a file, with what the browser complained about."""

    def __init__(self, browser: Any, html: str, tmp_path: Path) -> None:
        path = tmp_path / "page.html"
        path.write_text(html, encoding="utf-8")
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on(
            "console",
            lambda msg: self.errors.append(msg.text) if msg.type == "error" else None,
        )

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        self.page.goto(path.as_uri())


def test_untrusted_text_stays_text(browser: Any, tmp_path: Path) -> None:
    view = OpenPage(browser, render_html(make_record(), TEXT), tmp_path)
    article = view.page.locator("article").inner_text()
    assert "<script>alert(1)</script>" in article  # shown, not run
    assert view.dialogs == []
    assert view.page.locator("article script").count() == 0
    assert view.page.locator("b", has_text="Hammer").count() == 0  # a name's markup is text
    assert view.page.title().startswith("Fighting in <Valdoria>")
    assert view.errors == []


def test_hover_explains_and_lights_every_mention(browser: Any, tmp_path: Path) -> None:
    view = OpenPage(browser, render_html(make_record(), TEXT), tmp_path)
    info = view.page.locator("#info")
    assert not info.is_visible()
    view.page.get_by_text("General Karim Vossler", exact=True).first.hover()
    assert info.is_visible()
    tip = info.inner_text()
    assert "PERSON" in tip and "country VLD" in tip and "sector MIL" in tip
    lit = view.page.locator("article .hl")
    texts = {t.strip() for t in lit.all_inner_texts()}
    assert "He" in texts  # the pronoun is the same entity, lit with the name
    # the entity's row in the side table is lit too
    assert view.page.locator("aside tr.hl td", has_text="E1").count() >= 1
    # moving off any annotation hides the explanation and the highlights
    view.page.locator("header h1").hover()
    assert not info.is_visible()
    assert view.page.locator(".hl").count() == 0
    assert view.errors == []


def test_seed_article_page(browser: Any, seed_record: Any, tmp_path: Path) -> None:
    record, text = seed_record
    view = OpenPage(browser, render_html(record, text), tmp_path)
    assert view.page.locator("article").inner_text().split() == text.split()
    esbati = next(e for e in record.entities if "Esbati" in e.name)
    row = view.page.locator("aside tr", has_text=esbati.id).first
    row.hover()
    # every mention of Esbati in the article lights up at once
    assert view.page.locator("article .hl").count() >= 10
    assert "IRN" in view.page.locator("#info").inner_text() or "IRN" in row.inner_text()
    assert view.errors == []
