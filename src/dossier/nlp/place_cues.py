"""What around a name NER did not read as a place says it is one (issue 13).

`dossier.nlp.place_candidates` decides the cue of each such name ("near X", "the village of
X", "X district", "A, B and C"); the resolver (`dossier.nlp.geocoding`) weighs some cues
differently. A :class:`PlaceCue` carries the cue's kind, which code branches on, and the
word that made it; its explanation text (``PlaceCue.text``, written into the mention's
``rule``) is made from them and never read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class CueKind(Enum):
    """The kinds of context that make a name a place."""

    COUNTRY_AFTER = "country_after"  # "X, Syria", "X in northern Syria"
    PREPOSITION = "preposition"  # "near X" (`context_prepositions`, `static_prepositions`)
    DIRECTION = "direction"  # "north of X"
    PLACE_NOUN = "place_noun"  # "the village of X"
    DIVISION_NOUN = "division_noun"  # "X district"
    LISTED = "listed"  # "A, B and C" with the others places: the weakest cue
    HYPHENATED = "hyphenated"  # "Croix-des-Bouquets", known under its whole name


_TEXTS = {
    CueKind.COUNTRY_AFTER: "before its country or province",
    CueKind.PREPOSITION: "after '{}'",
    CueKind.DIRECTION: "after '{} of'",
    CueKind.PLACE_NOUN: "after a place noun",
    CueKind.DIVISION_NOUN: "before '{}'",
    CueKind.LISTED: "listed with other places",
    CueKind.HYPHENATED: "a hyphenated place name",
}


@dataclass(frozen=True)
class PlaceCue:
    """One cue of place: its kind and the word that made it (a preposition, a direction, a
    division noun; "" for the others)."""

    kind: CueKind
    word: str = ""

    @property
    def text(self) -> str:
        """The explanation written into the mention's rule ("after 'near'")."""
        return _TEXTS[self.kind].format(self.word)

    @property
    def after_preposition(self) -> bool:
        """A preposition or a direction before the name: the cues weaker than a place noun or
        a country after it."""
        return self.kind in (CueKind.PREPOSITION, CueKind.DIRECTION)
