"""Reader for the PolNeAR attribution corpus (brat standoff files).

Layout: ``<split>/text/<article>.txt`` and ``<split>/attributions/<article>_<annotator>.ann``.
Only the first annotator file per article (by name) is used. ``.ann`` lines are parsed by their
``^(T|E|#)\\d+\\t`` prefix; any other line continues the previous one (span texts with
newlines). Spans may be discontinuous (``start end;start end``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_LINE = re.compile(r"^(T|E|#)\d+\t")
QUOTE_CHARS = frozenset('"“”')


@dataclass
class GoldAttribution:
    """One gold attribution: its spans as lists of (start, end) fragments, in text order."""

    id: str
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)
    # set by annotated sets that label them (our own set); PolNeAR gives neither
    cue_class: str | None = None
    clausal: bool = True

    def content_chars(self) -> set[int]:
        return {i for s, e in self.content for i in range(s, e)}

    def quoted(self, text: str) -> bool:
        """A quote mark inside the content or in the character just outside it."""
        for s, e in self.content:
            if any(c in QUOTE_CHARS for c in text[s:e]):
                return True
            if s > 0 and text[s - 1] in QUOTE_CHARS:
                return True
            if e < len(text) and text[e] in QUOTE_CHARS:
                return True
        return False


@dataclass
class Article:
    name: str
    text: str
    attributions: list[GoldAttribution]


def _fragments(spec: str) -> list[tuple[int, int]]:
    frags: list[tuple[int, int]] = []
    for part in spec.split(";"):
        start, end = part.split()
        frags.append((int(start), int(end)))
    return sorted(frags)


def parse_ann(content: str) -> list[GoldAttribution]:
    """Parse the text of one ``.ann`` file into attributions (those without content kept)."""
    records: list[str] = []
    for line in content.splitlines():
        if _LINE.match(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[str, str]] = []
    for rec in records:
        parts = rec.split("\t")
        if len(parts) < 2:
            continue
        key = parts[0]
        if key.startswith("T"):
            label, _, spec = parts[1].partition(" ")
            try:
                spans[key] = (label, _fragments(spec))
            except ValueError:
                continue
        elif key.startswith("E"):
            events.append((key, parts[1]))
    out: list[GoldAttribution] = []
    for key, args in events:
        att = GoldAttribution(id=key)
        for arg in args.split():
            role, _, ref = arg.partition(":")
            if ref not in spans:
                continue
            frags = spans[ref][1]
            if role == "Source":
                att.source.extend(frags)
            elif role == "Cue":
                att.cue.extend(frags)
            elif role.startswith("Content"):
                att.content.extend(frags)
        att.source.sort()
        att.cue.sort()
        att.content.sort()
        out.append(att)
    return out


def iter_articles(corpus: Path, split: str, limit: int | None = None) -> Iterator[Article]:
    """Articles of `split` in name order with the first annotator's attributions."""
    base = corpus / split
    ann_dir = base / "attributions"
    first: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        first.setdefault(article, path)
    count = 0
    for article, ann_path in sorted(first.items()):
        txt_path = base / "text" / f"{article}.txt"
        if not txt_path.is_file():
            continue
        if limit is not None and count >= limit:
            return
        with txt_path.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        with ann_path.open(encoding="utf-8", newline="") as fh:
            atts = parse_ann(fh.read())
        yield Article(article, text, atts)
        count += 1
