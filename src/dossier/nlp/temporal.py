"""When: date expressions resolved against the document's publication date.

Uses dateparser (no network; ``RELATIVE_BASE`` = published, dates preferred from the past, as
news reports past events). Relative expressions ("last week", "on Monday", "in March",
"yesterday") need `published`; absolute ones ("March 3, 2024") do not.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from dossier.knowledge.resources import load_yaml
from dossier.nlp.state import get_state
from dossier.nlp.tokens import token_table

_WORDS = load_yaml("dates.yaml")  # the word lists (knowledge/data/dates.yaml)


def _alternation(words: list[str]) -> str:
    """Words as a regex alternation, longest first; a space matches any run of spaces."""
    ordered = sorted({str(w).lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


_STRIP = re.compile(rf"^({_alternation(_WORDS['leading_words'])})\s+", re.I)
# expressions too vague to be a day
_VAGUE = re.compile(rf"\b({_alternation(_WORDS['vague_words'])})\b", re.I)
_RELATIVE = re.compile(rf"\b({_alternation(_WORDS['relative_words'])})\b", re.I)
_WEEKDAYS = [str(w).lower() for w in _WORDS["weekdays"]]


def _fast(text: str, published: dt.date | None) -> dt.datetime | None:
    """The commonest news expressions without dateparser: weekdays, yesterday, today, "last
    week", "two days ago" (the same dates dateparser gives; tests/test_events.py checks)."""
    if published is None:
        return None
    full = text.lower().strip()
    low = full[5:] if full.startswith("last ") else full
    if low in _WEEKDAYS:
        back = (published.weekday() - _WEEKDAYS.index(low)) % 7 or 7
        return dt.datetime.combine(published - dt.timedelta(days=back), dt.time(12))
    if low in _DAYS_BACK:
        return dt.datetime.combine(published - dt.timedelta(days=_DAYS_BACK[low]), dt.time(12))
    # "last week", "two days ago", "3 weeks ago": so many days back, as dateparser counts them
    ago = _AGO.fullmatch("a week ago" if full == "last week" else full)
    if ago is not None:
        count = _COUNTS.get(ago["n"]) or int(ago["n"])
        days = count * (7 if ago["unit"].startswith("week") else 1)
        return dt.datetime.combine(published - dt.timedelta(days=days), dt.time(12))
    return None


_DAYS_BACK: dict[str, int] = {str(k).lower(): int(v) for k, v in _WORDS["days_back"].items()}
_COUNTS: dict[str, int] = {str(k).lower(): int(v) for k, v in _WORDS["counts"].items()}
_AGO = re.compile(rf"(?P<n>{_alternation(list(_COUNTS))}|[1-9]) (?P<unit>days?|weeks?) ago")


@lru_cache(maxsize=64)
def _parser(published: dt.date | None) -> Any:
    """One dateparser parser per publication date (building one is the slow part)."""
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time(12)) if published else dt.datetime(2000, 1, 1)
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


_NOT_DATES: set[str] = set()  # expressions dateparser did not understand
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def resolve_date(expression: str, published: dt.date | None) -> tuple[str | None, str]:
    """("YYYY-MM-DD" or None, how) for a date expression."""
    text = expression.strip()
    if not text or (_VAGUE.search(text) and not re.search(r"\d", text)):
        return None, "too vague"
    relative = bool(_RELATIVE.search(text)) or not re.search(r"\d{4}", text)
    if relative and published is None:
        return None, "relative date without publication date"
    candidates = [text]
    stripped = _STRIP.sub("", text)
    while stripped != candidates[-1]:
        candidates.append(stripped)
        stripped = _STRIP.sub("", stripped)
    parser = _parser(published)
    for cand in candidates:
        parsed = _fast(cand, published)
        if parsed is None and cand not in _NOT_DATES:
            try:
                parsed = parser.get_date_data(cand).date_obj
            except Exception:  # dateparser raises on some odd inputs
                parsed = None
            if parsed is None and not _DIGIT.search(cand):
                # without digits, what dateparser cannot read does not depend on the
                # publication date ("more than three hours", "earlier this month")
                if len(_NOT_DATES) > 4096:
                    _NOT_DATES.clear()
                _NOT_DATES.add(cand)
        if parsed is not None:
            if published and parsed.date() > published + dt.timedelta(days=1) and relative:
                return None, f"'{text}' resolves after publication"
            how = "relative to published" if relative else "absolute"
            return parsed.date().isoformat(), f"'{text}' {how}"
    return None, f"'{text}' not understood"


_BOUNDING = frozenset(str(w).lower() for w in _WORDS["bounding_words"])


@dataclass(frozen=True)
class _DateEnt:
    start: int  # token offsets
    end: int
    root: int  # token index of the span's root
    bounding: bool  # "since ...", "until ...": bounds a period
    text: str


_DATE_LABELS = frozenset({"DATE", "TIME"})


def _date_ents(doc: Doc) -> list[_DateEnt]:
    """The document's DATE/TIME entities with what `event_date` asks of them (kept in the
    document's analysis state, computed once)."""
    state = get_state(doc)
    if state._date_ents is not None:
        return state._date_ents  # type: ignore[return-value]
    found: list[_DateEnt] = []
    px = token_table(doc)
    # `doc.ents` from the token table (only the DATE/TIME ones become spans, for their root)
    for start, end, label in px.ents:
        if label not in _DATE_LABELS:
            continue
        root = start if end - start == 1 else doc[start:end].root.i
        head = px.head[root]
        found.append(
            _DateEnt(
                start,
                end,
                root,
                px.dep[head] == "prep" and px.lower[head] in _BOUNDING,
                px.text[px.idx[start] : px.idx[end - 1] + len(px.words[end - 1])],
            )
        )
    state._date_ents = found
    return found


def _first_token(e: _DateEnt) -> int:
    return e.start


def event_date(anchor: Token, sent: Span, published: dt.date | None) -> tuple[str | None, str]:
    """The date of the event whose clause is headed by `anchor`: a date in the clause first,
    then one in the sentence; ("", reason) when none resolves."""
    s_start, s_end = sent.start, sent.end
    ents = _date_ents(anchor.doc)
    # sorted by their first token: those of the sentence follow the first one after its start
    at = bisect_left(ents, s_start, key=_first_token)
    spans: list[_DateEnt] = []
    while at < len(ents) and ents[at].start < s_end:
        if ents[at].end <= s_end:
            spans.append(ents[at])
        at += 1
    if not spans:
        return None, ""
    # only dates of the event's own clause (`anchor`'s subtree: the date's root is `anchor` or
    # below it); "since ..." and "until ..." bound a period
    heads = token_table(anchor.doc).head
    a = anchor.i
    for span in spans:
        if span.bounding:
            continue
        i = span.root
        while i != a and heads[i] != i:
            i = heads[i]
        if i != a:
            continue
        value, how = resolve_date(span.text, published)
        if value:
            return value, f"date from the event clause: {how}"
    return None, ""
