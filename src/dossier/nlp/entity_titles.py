"""Titles before names (the `names` step of `dossier_entities`, see that module).

A title joins a person's name only in a person-like context ("Brig. Gen." before a personal
name); organisations and places whose first word is a title ("General Motors", "Crown Point")
stay what they are; "<title> of <Name>" names a place ("the mayor of Leeds").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from dossier.knowledge.roles import Title
from dossier.nlp.entity_names import Candidate, EntityReading, name_key
from dossier.nlp.state import EntityState
from dossier.nlp.tokens import (
    POSSESSIVE_MARKS,
    TokenTable,
    token_table,
)


class TitleReader(EntityReading):
    """Titles and the names they join."""

    def _title_before_name(
        self,
        doc: Doc,
        cand: Candidate,
        titled: Titled,
        taken: set[int],
        person_words: PersonWords,
    ) -> None:
        """A capitalized title right before a name NER found without it: the whole is a
        person, or the title begins the name of a place or an organisation."""
        first, entry = self._title_ending(doc, cand, cand.start, titled, taken)
        if (
            entry is None
            or not doc[first].text[:1].isupper()
            or (cand.label != "PERSON" and self.countries.lookup(cand.name_span(doc).text))
        ):
            return
        name_start, cand.start = cand.start, first
        self._title_or_name(doc, cand, name_start, entry, person_words)
        taken.update(range(first, name_start))

    def _title_ending(
        self, doc: Doc, cand: Candidate, end: int, titled: Titled, taken: set[int]
    ) -> tuple[int, Title | None]:
        """The longest whole title right before token `end` that overlaps no other mention
        ("Police Chief", or "Chief" after "Tucson Police"); a lower-case adjective ("a major
        Trump donor") only when the name is not itself a modifier."""
        forms = titled.ends.get(end)
        if not forms:
            return end, None
        root = doc[cand.end - 1]
        for first, entry in forms:
            if any(i in taken for i in range(first, end)):
                continue
            if (
                doc[first].is_lower
                and doc[first].pos_ == "ADJ"
                and root.dep_ in ("compound", "amod", "nmod")
                and root.head.i >= cand.end
            ):
                continue
            return first, entry
        return end, None

    def _person_like(
        self, doc: Doc, start: int, end: int, person_words: PersonWords, strict: bool
    ) -> bool:
        """The words after a title look like a personal name. Not strict: only no possessive,
        punctuation or number and no place/organisation last word ("Queen Elizabeth
        Hospital"). Strict (an ORG/GPE span, or no NER at all): besides, a known person, an
        initial ("Mary T. Okafor") or a word the English dictionary does not know ("General
        Esbati", not "General Motors", "Major League Baseball")."""
        if end <= start or (strict and end - start > 5) or not doc[start].text[:1].isupper():
            return False
        tokens = doc[start:end]
        for t in tokens:
            if t.text in POSSESSIVE_MARKS or t.like_num or (t.is_punct and t.text not in ".-"):
                return False
        if tokens[-1].lower_ in self.title_heads:
            return False
        if not strict:
            return True
        actor = self._actor(tokens.text)
        if actor is not None:
            return actor.type == "PERSON"
        for t in tokens:
            text = t.text
            if name_key(text) in person_words or (len(text) == 2 and text[1] == "."):
                return True
            if t.is_alpha and text[:1].isupper() and not _known_word(t.lower_, self.lexicon):
                return True
        return False

    def _titled_names(
        self,
        doc: Doc,
        titled: Titled,
        taken: set[int],
        kept: list[Candidate],
        person_words: PersonWords,
    ) -> None:
        """A person NER missed ("Air Chief Marshal Rakesh Singh"): a capitalized title,
        then proper nouns that look like a personal name."""
        for start in sorted(titled.starts):
            if start in taken or not doc[start].text[:1].isupper():
                continue
            name_start, entry = titled.starts[start]
            while name_start in titled.starts:
                name_start, entry = titled.starts[name_start]
            end = name_start
            while (
                end < len(doc)
                and end - name_start < 4
                and end not in taken
                and doc[end].pos_ == "PROPN"
                and doc[end].text[:1].isupper()
            ):
                end += 1
            if end == name_start or any(i in taken for i in range(start, end)):
                continue
            strict = not doc[name_start - 1].text.endswith(".")
            if self._person_like(doc, name_start, end, person_words, strict):
                cand = Candidate(start, end, "PERSON", name_start, source="title", title=entry)
                kept.append(cand)
                taken.update(range(start, end))

    def _place_after_title(self, doc: Doc, cand: Candidate, person_words: PersonWords) -> None:
        """A name after "<title> of" that is no known person's is the place the title is of
        ("the mayor of Leeds", "the governor of Antalya")."""
        start = cand.start
        if cand.kb is not None or cand.name_start != start or start < 2:
            return
        table = token_table(doc)
        if (
            table.lower[start - 1] == "of"
            and table.lower[start - 2] in self.title_words
            and not any(name_key(w) in person_words for w in table.words[start : cand.end])
        ):
            cand.label = "GPE"

    def _trim(
        self,
        doc: Doc,
        table: TokenTable,
        cand: Candidate,
        titled: Titled,
        person_words: PersonWords,
    ) -> Candidate | None:
        start, end = cand.start, cand.end
        words = table.words
        for i in range(start + 1, end):  # "Kurdistan Workers' Party (PKK": cut at an open bracket
            if words[i] in "([":
                end = i
                break
        while end > start and (
            words[end - 1] in POSSESSIVE_MARKS or self._word_flags(doc, words[end - 1]).is_punct
        ):
            end -= 1
        while start < end and (
            self._word_flags(doc, words[start]).is_punct
            or (table.lower[start] in ("the", "a", "an") and cand.label in ("PERSON",))
        ):
            start += 1
        covered = titled.covered
        if start >= end or (start in covered and all(i in covered for i in range(start, end))):
            return None  # only a title ("Brig.", "State" in "Secretary of State")
        name_start, title = start, None
        while name_start in titled.starts and titled.starts[name_start][0] < end:
            name_start, title = titled.starts[name_start]
        cand.start, cand.end = start, end
        self._title_or_name(doc, cand, name_start, title, person_words)
        return cand

    def _title_or_name(
        self,
        doc: Doc,
        cand: Candidate,
        name_start: int,
        title: Title | None,
        person_words: PersonWords,
    ) -> None:
        """Titles cand.start..name_start: a person's title, or part of a place's or an
        organisation's name ("General Motors", "King's College", "Queen Elizabeth Hospital")."""
        if name_start > cand.start:
            if cand.kb is not None:
                if cand.kb.type != "PERSON":
                    name_start, title = cand.start, None  # an organisation's name
            else:
                strict = cand.label != "PERSON" and not doc[name_start - 1].text.endswith(".")
                if self._person_like(doc, name_start, cand.end, person_words, strict):
                    cand.label = "PERSON"  # "General Esbati" tagged ORG/GPE
                else:
                    name_start, title = cand.start, None
                    if cand.label == "PERSON":
                        cand.label = "ORG"
        cand.name_start, cand.title = name_start, title

    def _extend_title(self, doc: Doc, cand: Candidate, taken: set[int], titled: Titled) -> None:
        """Take whole titles right before a person's name into the mention."""
        start = cand.start
        while True:
            first, entry = self._title_ending(doc, cand, start, titled, taken)
            if entry is None:
                break
            if cand.title is None or cand.name_start == cand.start:
                cand.title = cand.title or entry
            start = first
        if start < cand.start:
            taken.update(range(start, cand.start))
            cand.start = start

    def _apply_title(self, text: str, entry: Title | None, ent: EntityState) -> None:
        entry = entry or self.titles.get(text.lower())
        if entry is None:
            return
        if ent.role is None:
            ent.role = entry.title
        if entry.sector and ent.sector is None:
            ent.sector = entry.sector
            ent.rule.append(f"title {text!r} -> {entry.sector}")
        if entry.gender and ent.gender is None:
            ent.gender = entry.gender


class PersonWords:
    """The words of the document's full PERSON names (NER spans of two tokens or more),
    computed on the first question: most documents never ask."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans: list[tuple[int, int]] = []
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            doc = self.doc
            self._words = {name_key(doc[i].text) for s, e in self.spans for i in range(s, e)}
        return word in self._words


@dataclass
class Titled:
    """Whole title forms found in a document (token offsets)."""

    starts: dict[int, tuple[int, Title]]  # start -> (end, title) of the longest form there
    ends: dict[int, list[tuple[int, Title]]]  # end -> (start, title) of the forms, longest first
    covered: set[int]

    def add(self, start: int, end: int, entry: Title) -> None:
        if self.starts.get(start, (0, entry))[0] < end:
            self.starts[start] = (end, entry)
        self.ends.setdefault(end, []).append((start, entry))
        self.covered.update(range(start, end))

    def sort(self) -> None:
        for forms in self.ends.values():
            forms.sort(key=lambda form: form[0])  # longest first


def _known_word(word: str, lexicon: frozenset[str]) -> bool:
    if word in lexicon:
        return True
    if word.endswith("ies"):
        return word[:-3] + "y" in lexicon
    if word.endswith("es") and word[:-2] in lexicon:
        return True
    return word.endswith("s") and word[:-1] in lexicon
