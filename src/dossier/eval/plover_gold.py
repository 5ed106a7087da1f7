"""Readers for the event-coding gold data (PLOVER GSR JSON, PETRARCH-2 validation records).

Both are read from the files as published; nothing is copied into the project.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# 2016 labels of the PLOVER gold records -> current PLOVER types
OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# old CAMEO country codes -> ISO 3166-1 alpha-3
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UK": "GBR", "ROM": "ROU"}


def norm_country(code: str | None) -> str | None:
    """The country part (first three letters) of a CAMEO/Phoenix actor code; None if unknown."""
    if not code:
        return None
    head = code.strip().upper()[:3]
    if not head or head == "---":
        return None
    return OLD_CODES.get(head, head)


@dataclass
class GoldSentence:
    """One gold sentence and its coded events (type, source codes, target codes)."""

    id: str
    text: str
    events: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    cameo: list[str] = field(default_factory=list)  # CAMEO codes (PETR-2 only)

    @property
    def types(self) -> set[str]:
        return {t for t, _, _ in self.events}


def _actors(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    codes = []
    for item in value:
        if isinstance(item, dict):
            code = norm_country(str(item.get("code") or ""))
            if code:
                codes.append(code)
    return codes


def read_plover_gsr(path: Path) -> list[GoldSentence]:
    """PLOVER gold records grouped by sentence text (a sentence may carry several events)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    by_text: dict[str, GoldSentence] = {}
    for rec in records:
        label = str(rec.get("event", ""))
        if label == "DOCUMENT" or not rec.get("text"):
            continue
        text = str(rec["text"]).strip()
        # some sentences are wrapped in braces in the file
        if text.startswith("{") and text.endswith("}"):
            text = text[1:-1].strip()
        type_ = OLD_LABELS.get(label, label)
        sent = by_text.setdefault(text, GoldSentence(id=str(rec.get("id", "")), text=text))
        sent.events.append((type_, _actors(rec.get("source")), _actors(rec.get("target"))))
    return list(by_text.values())


_SENTENCE = re.compile(r"<Sentence\s+([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_petr2(path: Path) -> list[GoldSentence]:
    """PETRARCH-2 validation records (not well-formed XML: parsed record by record).

    Records without text (the words only in the parse) take the words from the CoNLL-U parse.
    `events` holds (CAMEO root, [source country], [target country]); no-event records have none.
    """
    content = path.read_text(encoding="utf-8")
    out: list[GoldSentence] = []
    for match in _SENTENCE.finditer(content):
        attrs = dict(_ATTR.findall(match.group(1)))
        body = match.group(2)
        text_match = re.search(r"<Text>(.*?)</Text>", body, re.S)
        text = " ".join((text_match.group(1) if text_match else "").split())
        if not text:
            parse = re.search(r"<Parse>(.*?)</Parse>", body, re.S)
            words = []
            for line in (parse.group(1) if parse else "").splitlines():
                cols = line.split("\t")
                if len(cols) > 2 and cols[0].isdigit():
                    words.append(cols[1])
            text = " ".join(words)
        sent = GoldSentence(id=attrs.get("id", ""), text=text)
        for coding in re.findall(r"<EventCoding\s+([^>]*?)/?>", body):
            cattrs = dict(_ATTR.findall(coding))
            code = cattrs.get("eventcode")
            if not code:
                continue
            src = norm_country(cattrs.get("sourcecode"))
            tgt = norm_country(cattrs.get("targetcode"))
            sent.cameo.append(code)
            sent.events.append((code[:2], [src] if src else [], [tgt] if tgt else []))
        out.append(sent)
    return out
