"""Reader for the project's own attribution set (``evalsets/attribution/*.yaml``).

One YAML file per article, written in our own words and annotated by the PolNeAR guidelines
(source, cue, content; all four cue classes). The format is meant to be read and written by
hand, so spans are given as text, not offsets::

    id: courts-01
    topic: courts
    text: |
      Headline

      Body paragraph ...
    attributions:
      - class: speech            # speech | thought | intention | evidence
        source: Judge Ana Ruiz    # optional (no source: passive, "it is said")
        cue: ruled
        content: that the contract was void     # or a list of pieces
      - class: speech
        cue: {text: said, n: 3}                  # the 3rd "said" of the text
        content: ["“We will appeal,”", "“and we expect to win.”"]
        form: np                                 # content is a noun phrase, not a clause

Where a piece's text occurs once in the article, that occurrence is the span. Otherwise it
must be chosen: ``{text: ..., n: k}`` (the k-th occurrence, from 1), except for the cue and the
source, which by default take the occurrence outside the content that is nearest to the
content (the cue) and to the cue (the source). ``form: np`` marks a content that is a noun phrase object
(``announced the locations``), which PolNeAR counts and speech-and-thought sets do not.
Unknown keys, missing pieces and ambiguous content are errors naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from dossier.eval.polnear import Article, GoldAttribution

CLASSES = ("speech", "thought", "intention", "evidence")
_KEYS = {"class", "source", "cue", "content", "form", "note"}
_FORMS = {"clause", "np"}


class SetError(ValueError):
    """A malformed article file (the message names the file and the attribution)."""


def _occurrences(text: str, needle: str) -> list[int]:
    """Starts of `needle` in `text` as whole words ("it" is not found inside "with")."""
    out: list[int] = []
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        left_ok = not needle[0].isalnum() or start == 0 or not text[start - 1].isalnum()
        right_ok = not needle[-1].isalnum() or end == len(text) or not text[end].isalnum()
        if left_ok and right_ok:
            out.append(start)
        start = text.find(needle, start + 1)
    return out


def _piece(spec: Any) -> tuple[str, int | None]:
    if isinstance(spec, str):
        return spec, None
    if isinstance(spec, dict) and set(spec) <= {"text", "n"} and isinstance(spec.get("text"), str):
        n = spec.get("n")
        if n is not None and (not isinstance(n, int) or n < 1):
            raise ValueError(f"n must be a positive integer, not {n!r}")
        return spec["text"], n
    raise ValueError(f"a span is a string or {{text, n}}, not {spec!r}")


def _locate(
    text: str,
    spec: Any,
    near: tuple[int, int] | None,
    what: str,
    avoid: Sequence[tuple[int, int]] = (),
) -> tuple[int, int]:
    """The span of `spec` in `text`: its only occurrence, the n-th one, or (with `near`) the
    occurrence closest to the `near` range that lies outside the `avoid` spans."""
    needle, n = _piece(spec)
    if not needle.strip():
        raise ValueError(f"empty {what}")
    hits = _occurrences(text, needle)
    if not hits:
        raise ValueError(f"{what} {needle!r} is not in the text")
    if n is not None:
        if n > len(hits):
            raise ValueError(f"{what} {needle!r} occurs {len(hits)} times, not {n}")
        return hits[n - 1], hits[n - 1] + len(needle)
    if len(hits) == 1:
        return hits[0], hits[0] + len(needle)
    free = [h for h in hits if not any(s <= h < e for s, e in avoid)]
    if near is None or not free:
        raise ValueError(f"{what} {needle!r} occurs {len(hits)} times: give n")
    lo, hi = near

    def gap(h: int) -> int:
        return max(lo - (h + len(needle)), h - hi, 0)

    start = min(free, key=gap)
    return start, start + len(needle)


def parse_article(data: Any, name: str) -> Article:
    """One article from its YAML mapping (errors name `name`)."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise SetError(f"{name}: a mapping with `id`, `text` and `attributions` is expected")
    unknown = set(data) - {"id", "topic", "text", "attributions", "note"}
    if unknown:
        raise SetError(f"{name}: unknown keys {sorted(unknown)}")
    text: str = data["text"]
    atts: list[GoldAttribution] = []
    for idx, item in enumerate(data.get("attributions") or [], start=1):
        where = f"{name}: attribution {idx}"
        if not isinstance(item, dict):
            raise SetError(f"{where}: a mapping is expected")
        bad = set(item) - _KEYS
        if bad:
            raise SetError(f"{where}: unknown keys {sorted(bad)}")
        cls = item.get("class")
        if cls not in CLASSES:
            raise SetError(f"{where}: class must be one of {', '.join(CLASSES)}, not {cls!r}")
        form = item.get("form", "clause")
        if form not in _FORMS:
            raise SetError(f"{where}: form must be clause or np, not {form!r}")
        pieces = item.get("content")
        if isinstance(pieces, (str, dict)):
            pieces = [pieces]
        if not pieces or "cue" not in item:
            raise SetError(f"{where}: `cue` and `content` are required")
        try:
            content = sorted(_locate(text, p, None, "content") for p in pieces)
            whole = (content[0][0], content[-1][1])
            cue = _locate(text, item["cue"], whole, "cue", content)
            source = (
                [_locate(text, item["source"], cue, "source", content)]
                if item.get("source")
                else []
            )
        except ValueError as err:
            raise SetError(f"{where}: {err}") from None
        atts.append(
            GoldAttribution(
                id=f"A{idx}",
                source=source,
                cue=[cue],
                content=content,
                cue_class=cls,
                clausal=form == "clause",
            )
        )
    return Article(str(data.get("id") or name), text, atts)


def set_files(path: Path) -> list[Path]:
    """The article files of a set: `path` itself or the ``*.yaml`` files of a folder."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.yaml") if p.is_file())


def iter_set(path: Path, limit: int | None = None) -> Iterator[Article]:
    """Articles of the set at `path` (a file or a folder of ``*.yaml`` files), in name order."""
    files = set_files(path)
    if not files:
        raise SetError(f"{path}: no *.yaml article files")
    for count, file in enumerate(files):
        if limit is not None and count >= limit:
            return
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise SetError(f"{file.name}: not valid YAML ({err})") from None
        yield parse_article(data, file.name)


def keep_classes(article: Article, classes: frozenset[str] | None, clausal_only: bool) -> Article:
    """The article with only gold attributions of `classes` (and clausal content, if asked)."""
    atts = [
        g
        for g in article.attributions
        if (classes is None or g.cue_class in classes) and (g.clausal or not clausal_only)
    ]
    return Article(article.name, article.text, atts)
