"""Names that hold a place's name but are not that place: "Kuwait Roundabout" (a roundabout
named after a country, somewhere else), "Damascus Gate" (in Jerusalem), "Pakistan Air Force"
(a country's force, wherever it acts).

The words and what they mean for the place name before them are data
(``knowledge/data/place_namesakes.yaml``, validated by
:class:`dossier.rules.schemas.places.PlaceNamesakesFile`, each rule with its provenance).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from dossier.knowledge.gazetteer import fold
from dossier.knowledge.resources import load_yaml

NAMESAKES_FILE = "place_namesakes.yaml"

Use = Literal["not_a_place", "not_event_place"]

# the one or two words after a name: "Kuwait Roundabout", "Pakistan Air Force", "Baghdad St."
_NEXT = re.compile(r"[ \t]+([A-Za-z]+)\.?(?:[ \t]+([A-Za-z]+))?")


@cache
def namesake_words(use: Use) -> frozenset[str]:
    """The folded words (one or two) of the rules with this `use`."""
    rules = (load_yaml(NAMESAKES_FILE) or {}).get("rules") or []
    return frozenset(fold(str(w)) for r in rules if r.get("use") == use for w in r["words"])


@cache
def _rule_of_word() -> dict[str, str]:
    rules = (load_yaml(NAMESAKES_FILE) or {}).get("rules") or []
    return {fold(str(w)): str(r["id"]) for r in rules for w in r["words"]}


def named_after(text: str, end: int, use: Use = "not_a_place") -> str | None:
    """The id of the rule whose word follows the place name ending at character `end` of
    `text` ("Kuwait| Roundabout"), or None."""
    m = _NEXT.match(text, end)
    if m is None:
        return None
    words = namesake_words(use)
    one = fold(m.group(1))
    if m.group(2):
        two = f"{one} {fold(m.group(2))}"
        if two in words:
            return _rule_of_word().get(two)
    return _rule_of_word().get(one) if one in words else None


def ends_with_namesake_word(name: str, use: Use = "not_a_place") -> bool:
    """Whether a whole name ends with one of the words ("Kuwait Roundabout")."""
    words = fold(name).split()
    found = namesake_words(use)
    return len(words) > 1 and (
        words[-1] in found or (len(words) > 2 and " ".join(words[-2:]) in found)
    )
