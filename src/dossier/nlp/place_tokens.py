"""Token tests of the place-candidate finder (:mod:`dossier.nlp.place_candidates`): whether a
token reads like a name, stands after a locative preposition, a place noun or a person's "of",
opens a dateline or an institution's name. They read the document's token table
(:mod:`dossier.nlp.tokens`): no spaCy `Token` or `Span` is made."""

from __future__ import annotations

from dossier.knowledge.gazetteer import fold, place_words
from dossier.nlp.tokens import C_SENT_START, POSSESSIVE_MARKS, TokenTable

DATELINE_MARKS = {"—", "–", "-", "--", ",", "(", ":"}


def opens_with_institution_word(table: TokenTable, start: int, end: int) -> bool:
    """Whether tokens [start, end) open with an institution word ("Police", "Council")."""
    return end > start and fold(table.words[start]) in place_words("institution_words")


def name_like_text(text: str) -> bool:
    return bool(text[:1].isupper()) and text.replace(".", "").isalpha()


def dateline(table: TokenTable, start: int, end: int) -> bool:
    """An upper-case name, tokens [start, end), opening a line and followed by a dateline mark
    ("BEIRUT —", "KEARNEY, Neb.", "FORT DRUM, N.Y.")."""
    if table.array[start, C_SENT_START] != 1 or end >= table.n:  # `Token.is_sent_start`
        return False
    words = table.words[start:end]
    if not all(w.isupper() and w.isalpha() for w in words) or sum(map(len, words)) < 4:
        return False
    mark = table.words[end]
    return mark in DATELINE_MARKS or mark.startswith(("—", "–", "--"))


def after_locative(table: TokenTable, i: int) -> bool:
    """Whether token i follows a locative preposition ("in Gaza", "in the Sahel") or is
    where a person lives (`residence_of`)."""
    lower = table.lower
    prev = i - 1 if i > 0 else None
    if prev is not None and lower[prev] == "the" and i > 1:
        prev = i - 2
    return prev is not None and (
        lower[prev] in place_words("locative_prepositions") or residence_of(table, i)
    )


def residence_of(table: TokenTable, i: int) -> bool:
    """A name, token i, after "<person> of" or "<person>, of": where the person lives ("Ana
    Ruiz of Levittown", "Mr. Osei, of Croydon")."""
    k = i - 1
    if k < 1 or table.lower[k] != "of":
        return False
    before = k - 1
    if table.words[before] == "," and k >= 2:
        before = k - 2
    return table.ent_type[before] == "PERSON"


def after_place_noun(table: TokenTable, i: int) -> bool:
    """Token i after "the town of", "the villages of X and"."""
    lower, words = table.lower, table.words
    i -= 1
    if i >= 2 and lower[i] in ("and", ",") and words[i - 1][:1].isupper():
        i -= 2  # "towns of Zarqa and [Irbid]"
    return i >= 1 and lower[i] == "of" and fold(words[i - 1]) in place_words("place_nouns")


def strip_span(table: TokenTable, tok_start: int, tok_end: int) -> tuple[int, int]:
    """Character offsets of a mention without a leading "the" or a trailing possessive."""
    while tok_start < tok_end and table.lower[tok_start] == "the":
        tok_start += 1
    while tok_end > tok_start and table.words[tok_end - 1] in POSSESSIVE_MARKS:
        tok_end -= 1
    if tok_start >= tok_end:
        return 0, 0
    return table.idx[tok_start], table.end(tok_end - 1)


def generic_place_word(surface: str) -> bool:
    """Whether a name is only a noun of places ("Valley", "the City", "Region", "Port":
    `place_nouns` and `division_nouns` of place_words.yaml), which names no place on its own
    even where a capital or a town bears it with an article ("The Valley", Anguilla)."""
    words = fold(surface).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return len(words) == 1 and (
        words[0] in place_words("place_nouns") or words[0] in place_words("division_nouns")
    )
