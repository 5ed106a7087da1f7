"""Is a text English? Language identification by lingua (its models ship in the wheel).

The check runs on every document before analysis, so it is kept cheap:

* a text with no letters, or mostly letters outside the Latin script, or with many U+FFFD
  replacement characters (bytes that were not UTF-8: mojibake), is refused without a model;
* otherwise lingua compares a handful of languages (English and the languages whose texts
  most often reach an English news pipeline) on a bounded sample: the whole text when it is
  short, else excerpts from its beginning, middle and end, each identified on its own, so a
  long article costs about as much as a short one and a foreign text that starts with an
  English header is still seen (most excerpts decide; once too few are left to make a
  foreign majority, the rest are not identified);
* an excerpt of ENGLISH_WORDS_MIN words or more, of which at least ENGLISH_SHARE are English
  function words that none of the other compared languages has among its own (spaCy's
  stop-word lists: "the", "which", "would" ...), counts as English without lingua (English
  news runs at about 25%; a text in another language has next to none of them).

A text is refused only when lingua is confident it is another language: a headline or a wire
one-liner, made mostly of names, is analysed.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

# Languages compared with English. Those in other scripts are refused earlier, by script.
LANGUAGES = (
    "ENGLISH",
    "FRENCH",
    "GERMAN",
    "SPANISH",
    "ITALIAN",
    "PORTUGUESE",
    "DUTCH",
    "SWEDISH",
    "DANISH",
    "POLISH",
    "ROMANIAN",
    "TURKISH",
    "INDONESIAN",
    "CROATIAN",
)
# Another language must be at least this confident for a text to be refused.
FOREIGN_CONFIDENCE = 0.6
# Texts up to this many characters are identified whole; longer ones by EXCERPTS excerpts
# of EXCERPT characters each.
WHOLE_LIMIT = 1200
EXCERPTS = 3
EXCERPT = 400
# An excerpt with at least this many words and at least this share of English-only function
# words is English (lingua is not asked). On the evaluation corpora's 5,743 excerpts of 20
# words or more (PolNeAR, the geoparsing sets, the bench's texts), 1% are under 10%; spaCy's
# example sentences of the other compared languages have at most 8%, and only when short.
ENGLISH_WORDS_MIN = 20
ENGLISH_SHARE = 0.15
# Share of letters that may be U+FFFD (undecodable bytes) before a text counts as mojibake.
MOJIBAKE_SHARE = 0.05

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# letters from U+0250 on: not Basic Latin, Latin-1, Latin Extended-A or -B
_NON_LATIN_LETTER = re.compile(
    r"[^\W\d_a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
)


@lru_cache(maxsize=1)
def detector() -> Any:
    """The lingua detector, built once per process on first use (models load lazily)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@lru_cache(maxsize=1)
def english_only_words() -> frozenset[str]:
    """spaCy's English stop words that are not stop words of any other compared language."""
    from lingua import Language

    def stop_words(code: str) -> set[str]:
        module = importlib.import_module(f"spacy.lang.{code}.stop_words")
        return {word.lower() for word in module.STOP_WORDS}

    others: set[str] = set()
    for name in LANGUAGES[1:]:
        others |= stop_words(getattr(Language, name).iso_code_639_1.name.lower())
    return frozenset(stop_words("en") - others)


def plainly_english(part: str) -> bool:
    """Whether an excerpt is long enough and full enough of English-only function words to
    be English without asking lingua."""
    words = _WORD.findall(part.lower())
    if len(words) < ENGLISH_WORDS_MIN:
        return False
    english = english_only_words()
    return sum(word in english for word in words) >= ENGLISH_SHARE * len(words)


def excerpts(text: str) -> list[str]:
    """The text itself when short, else EXCERPTS excerpts spread over it, cut at spaces."""
    if len(text) <= WHOLE_LIMIT:
        return [text]
    parts = []
    step = (len(text) - EXCERPT) / (EXCERPTS - 1)
    for n in range(EXCERPTS):
        start = int(n * step)
        if start:
            space = text.find(" ", start, start + 100)
            start = space + 1 if space >= 0 else start
        end = text.rfind(" ", start, start + EXCERPT)
        parts.append(text[start : end if end > start else start + EXCERPT])
    return parts


def english_check(text: str) -> str | None:
    """None if the text is English (or too short and name-like to tell), else why not."""
    parts = excerpts(text)
    lowered = " ".join(parts).lower()
    letters = sum(map(len, _WORD.findall(lowered)))
    replaced = lowered.count("\ufffd")
    if not letters:
        return "text contains no letters"
    if replaced / (letters + replaced) > MOJIBAKE_SHARE:
        return (
            f"text looks garbled (mojibake): {replaced:,} undecodable character(s) in the "
            "sample; is it in another encoding than UTF-8?"
        )
    latin = letters - len(_NON_LATIN_LETTER.findall(lowered))
    if latin / letters < 0.6:
        return f"text does not look like English: only {latin / letters:.0%} Latin letters"
    foreign: list[tuple[str, float]] = []
    for n, part in enumerate(parts):
        if (len(foreign) + len(parts) - n) * 2 <= len(parts):
            break  # too few excerpts left for a majority of foreign ones: English
        if plainly_english(part):
            continue
        values = detector().compute_language_confidence_values(part)
        top = values[0] if values else None
        if top is not None and top.language.name != "ENGLISH" and top.value >= FOREIGN_CONFIDENCE:
            foreign.append((top.language.name.title(), top.value))
    # refused when most excerpts are confidently another language
    if len(foreign) * 2 > len(parts):
        name, value = max(foreign, key=lambda f: f[1])
        return f"text does not look like English: identified as {name} (confidence {value:.2f})"
    return None
