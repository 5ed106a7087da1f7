"""Readers for the geoparsing benchmarks: GeoWebNews, TR-News, LGL and GeoVirus.

Formats (see the corpus README): offsets are 0-based, end-exclusive, relative to the
``<text>`` element's text.

* GeoWebNews: ``GWN*.xml`` holds the articles (and every pragmatic annotation); the geocoding
  gold is ``gwn_full*.txt``, one line per article in the XML's order, items
  ``name,,surface,,lat,,lon,,start,,end`` joined by ``||``. Demonyms are coded as their
  country ("Ireland,,Irish").
* TR-News and LGL: ``<article>`` with ``<text>`` and ``<toponyms>``; a ``<toponym>`` has
  ``phrase``, ``start``, ``end`` and, when geocoded, a ``<gaztag>`` with ``lat``/``lon``.
  TR-News offsets drift in some articles: the reader moves a span to the nearest occurrence
  of its phrase when the text at the offsets differs.
* GeoVirus: ``<article>`` with ``<text>`` and ``<locations>``; a ``<location>`` has ``name``,
  ``start``, ``end``, ``lat``, ``lon`` (and a Wikipedia ``page``). Its offsets are one character
  late, which the same realignment repairs; a location that wraps nested ones is read as its
  parts.

GeoVirus was never used to tune anything: it is the held-out set (``HELD_OUT``) and is reported
apart from the three studied corpora.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from dossier.knowledge.countries import country_index

MAX_DRIFT = 40


@dataclass
class GoldToponym:
    start: int
    end: int
    surface: str
    lat: float
    lon: float
    name: str = ""
    demonym: bool = False


@dataclass
class GeoArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


_ADJECTIVE_ENDINGS = ("an", "ans", "ese", "ish", "ic", "i", "is", "ern")


def is_demonym(surface: str, gold_type: str | None = None, name: str = "") -> bool:
    """Gold items that are adjectives or nationality nouns ("Iranian", "European"), not names."""
    if gold_type == "Demonym":
        return True
    index = country_index()
    if index.demonym(surface) is not None and index.lookup(surface) is None:
        return True
    # an adjective formed on the gold name: "European" (Europe), "Central American"
    s, n = surface.strip().lower(), name.strip().lower()
    return (
        bool(n)
        and s != n
        and s[:4] == n[:4]
        and not n.startswith(s)
        and s.endswith(_ADJECTIVE_ENDINGS)
        and len(s.split()) == len(n.split())
    )


def realign(text: str, surface: str, start: int, end: int) -> tuple[int, int] | None:
    """The offsets of `surface` at or nearest to `start` (None when it is not nearby)."""
    if text[start:end] == surface:
        return start, end
    best: int | None = None
    lo = max(0, start - MAX_DRIFT)
    pos = text.find(surface, lo)
    while pos != -1 and pos <= start + MAX_DRIFT:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(surface, pos + 1)
    if best is None:
        return None
    return best, best + len(surface)


def _float(el: ET.Element | None) -> float | None:
    if el is None or el.text is None or not el.text.strip():
        return None
    try:
        return float(el.text)
    except ValueError:
        return None


def read_gwn(xml_path: Path, gold_path: Path) -> list[GeoArticle]:
    root = ET.parse(xml_path).getroot()
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    articles: list[GeoArticle] = []
    for article, line in zip(root.iter("article"), lines, strict=False):
        text = article.findtext("text") or ""
        types: dict[tuple[int, int], str] = {}
        for top in article.iter("toponym"):
            try:
                types[(int(top.findtext("start") or ""), int(top.findtext("end") or ""))] = (
                    top.findtext("type") or ""
                )
            except ValueError:
                continue
        items: list[GoldToponym] = []
        for item in line.split("||"):
            parts = item.split(",,")
            if len(parts) != 6:
                continue
            name, surface, lat, lon, start, end = parts
            s, e = int(start), int(end)
            if s < 0 or e > len(text) or s >= e:
                continue
            items.append(
                GoldToponym(
                    s,
                    e,
                    text[s:e] or surface,
                    float(lat),
                    float(lon),
                    name,
                    is_demonym(surface, types.get((s, e)), name),
                )
            )
        articles.append(GeoArticle(article.get("file") or str(len(articles)), text, items))
    return articles


def read_gaztag_xml(xml_path: Path) -> list[GeoArticle]:
    """TR-News and LGL."""
    root = ET.parse(xml_path).getroot()
    articles: list[GeoArticle] = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        items: list[GoldToponym] = []
        for top in article.iter("toponym"):
            gaz = top.find("gaztag")
            if gaz is None:
                continue
            lat, lon = _float(gaz.find("lat")), _float(gaz.find("lon"))
            phrase = top.findtext("phrase") or ""
            try:
                start, end = int(top.findtext("start") or ""), int(top.findtext("end") or "")
            except ValueError:
                continue
            if lat is None or lon is None or not phrase:
                continue
            aligned = realign(text, phrase, start, end)
            if aligned is None:
                continue
            items.append(
                GoldToponym(
                    aligned[0],
                    aligned[1],
                    phrase,
                    lat,
                    lon,
                    gaz.findtext("name") or "",
                    is_demonym(phrase, None, gaz.findtext("name") or ""),
                )
            )
        articles.append(GeoArticle(article.get("docid") or str(n), text, items))
    return articles


def read_geovirus(xml_path: Path) -> list[GeoArticle]:
    """GeoVirus (WikiNews disease reports)."""
    root = ET.parse(xml_path).getroot()
    articles: list[GeoArticle] = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        items: list[GoldToponym] = []
        seen: set[tuple[int, int]] = set()
        for loc in article.iter("location"):
            if loc.find("location") is not None:
                continue  # a wrapper: its nested locations are read themselves
            lat, lon = _float(loc.find("lat")), _float(loc.find("lon"))
            name = (loc.findtext("name") or "").strip()
            try:
                start, end = int(loc.findtext("start") or ""), int(loc.findtext("end") or "")
            except ValueError:
                continue
            if lat is None or lon is None or not name:
                continue
            aligned = realign(text, name, start, end)
            if aligned is None or aligned in seen:
                continue
            seen.add(aligned)
            items.append(
                GoldToponym(aligned[0], aligned[1], name, lat, lon, name, is_demonym(name))
            )
        articles.append(GeoArticle(article.findtext("source") or str(n), text, items))
    return articles


CORPORA = {
    "GeoWebNews": ("GWN.dev.xml", "gwn_full.dev.txt"),
    "TR-News": ("TR-News.dev.xml", None),
    "LGL": ("lgl.xml", None),
    "GeoVirus": ("GeoVirus.xml", None),
}
# never studied nor tuned on: reported apart from the others
HELD_OUT = frozenset({"GeoVirus"})


def read_corpus(name: str, corpus_dir: Path) -> list[GeoArticle] | None:
    """A corpus by name, or None when its files are absent."""
    xml_name, gold_name = CORPORA[name]
    xml_path = corpus_dir / xml_name
    if not xml_path.is_file():
        return None
    if gold_name is not None:
        gold_path = corpus_dir / gold_name
        return read_gwn(xml_path, gold_path) if gold_path.is_file() else None
    if name == "GeoVirus":
        return read_geovirus(xml_path)
    return read_gaztag_xml(xml_path)
