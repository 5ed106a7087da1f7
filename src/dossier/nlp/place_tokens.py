"""Token tests of the place-candidate finder (:mod:`dossier.nlp.place_candidates`): whether a
token reads like a name, stands after a locative preposition, a place noun or a person's "of",
opens a dateline or an institution's name."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dossier.knowledge.gazetteer import fold, place_words
from dossier.nlp.tokens import POSSESSIVE_MARKS

DATELINE_MARKS = {"—", "–", "-", "--", ",", "(", ":"}


def opens_with_institution_word(words: SpacySpan) -> bool:
    return len(words) > 0 and fold(words[0].text) in place_words("institution_words")


def name_like(tok: Token) -> bool:
    return name_like_text(tok.text)


def name_like_text(text: str) -> bool:
    return bool(text[:1].isupper()) and text.replace(".", "").isalpha()


def dateline(span: SpacySpan) -> bool:
    """An upper-case name opening a line and followed by a dateline mark ("BEIRUT —",
    "KEARNEY, Neb.", "FORT DRUM, N.Y.")."""
    doc = span.doc
    if not span[0].is_sent_start or span.end >= len(doc):
        return False
    if not all(t.is_upper and t.is_alpha for t in span) or sum(len(t) for t in span) < 4:
        return False
    mark = doc[span.end].text
    return mark in DATELINE_MARKS or mark.startswith(("—", "–", "--"))


def after_locative(tok: Token) -> bool:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ == "the" and tok.i > 1:
        prev = tok.doc[tok.i - 2]
    return prev is not None and (
        prev.lower_ in place_words("locative_prepositions") or residence_of(tok)
    )


def residence_of(tok: Token) -> bool:
    """A name after "<person> of" or "<person>, of": where the person lives ("Ana Ruiz
    of Levittown", "Mr. Osei, of Croydon")."""
    i = tok.i - 1
    if i < 1 or tok.doc[i].lower_ != "of":
        return False
    before = tok.doc[i - 1]
    if before.text == "," and i >= 2:
        before = tok.doc[i - 2]
    return before.ent_type_ == "PERSON"


def after_place_noun(tok: Token) -> bool:
    """ "the town of X", "the villages of X and Y"."""
    doc = tok.doc
    i = tok.i - 1
    if i >= 2 and doc[i].lower_ in ("and", ",") and doc[i - 1].text[:1].isupper():
        i -= 2  # "towns of Zarqa and [Irbid]"
    return i >= 1 and doc[i].lower_ == "of" and fold(doc[i - 1].text) in place_words("place_nouns")


def strip_span(doc: Doc, tok_start: int, tok_end: int) -> tuple[int, int]:
    """Character offsets of a mention without a leading "the" or a trailing possessive."""
    while tok_start < tok_end and doc[tok_start].lower_ == "the":
        tok_start += 1
    while tok_end > tok_start and doc[tok_end - 1].text in POSSESSIVE_MARKS:
        tok_end -= 1
    if tok_start >= tok_end:
        return 0, 0
    span = doc[tok_start:tok_end]
    return span.start_char, span.end_char


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
