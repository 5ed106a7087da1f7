"""Titles before names, role nouns, and pronouns: the words that tell who someone is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dossier.knowledge.resources import load_yaml


@dataclass(frozen=True)
class Title:
    title: str
    sector: str | None
    gender: str | None


@dataclass(frozen=True)
class Role:
    noun: str
    sector: str | None
    kind: str  # person, group, org
    gender: str | None


@dataclass(frozen=True)
class Pronoun:
    gender: str | None
    plural: bool | None
    types: frozenset[str]
    reflexive: bool


@cache
def titles() -> dict[str, Title]:
    """Lower-cased written form (single or multi-word) -> Title."""
    table: dict[str, Title] = {}
    for item in load_yaml("titles.yaml")["titles"]:
        entry = Title(item["title"], item.get("sector"), item.get("gender"))
        for form in item["forms"]:
            table[form.lower()] = entry
    return table


@cache
def title_forms() -> tuple[tuple[str, Title], ...]:
    """Every written form of a title as written in the data file (case kept, for the
    tokenizer) with its Title."""
    forms: list[tuple[str, Title]] = []
    for item in load_yaml("titles.yaml")["titles"]:
        entry = Title(item["title"], item.get("sector"), item.get("gender"))
        forms.extend((form, entry) for form in item["forms"])
    return tuple(forms)


@cache
def title_words() -> dict[str, Title]:
    """Lower-cased one-word titles ("general", "gen.") -> Title. The words of a multi-word
    title are not titles by themselves ("air", "crown", "of"): match `titles()` whole."""
    return {form: entry for form, entry in titles().items() if " " not in form}


@cache
def title_name_heads() -> frozenset[str]:
    """Last words of place/organisation names that begin with a title ("Queen Elizabeth
    Hospital"): such a span is not a person."""
    return frozenset(w.lower() for w in load_yaml("titles.yaml").get("name_heads", []))


@cache
def name_prefix_pattern() -> re.Pattern[str]:
    """The particles written before a family name ("al-", "bin", "van"; titles.yaml
    name_prefixes) at the start of a word, followed by a hyphen or a space."""
    words = sorted(
        {str(w).lower() for w in load_yaml("titles.yaml").get("name_prefixes", [])},
        key=lambda w: (-len(w), w),
    )
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"^({'|'.join(re.escape(w) for w in words)})[-\s]", re.I)


def tokenizer_special_cases() -> dict[str, list[dict[int, str]]]:
    """Abbreviated titles ("Brig.", "Lt.") kept as single tokens by the tokenizer."""
    from spacy.symbols import ORTH

    cases: dict[str, list[dict[int, str]]] = {}
    for item in load_yaml("titles.yaml")["titles"]:
        for form in item["forms"]:
            for word in form.split():
                if word.endswith(".") and len(word) > 2:
                    cases[word] = [{ORTH: word}]
    return cases


@cache
def roles() -> dict[str, Role]:
    """Lower-cased role noun (lemma; may be several words) -> Role."""
    from dossier.knowledge.actors import imported_roles

    table = {
        item["noun"].lower(): Role(
            item["noun"].lower(), item.get("sector"), item.get("kind", "person"), item.get("gender")
        )
        for item in load_yaml("roles.yaml")["roles"]
    }
    for item in imported_roles():  # agents from `dossier kb import`; packaged nouns win
        noun = str(item["noun"]).lower()
        table.setdefault(
            noun, Role(noun, item.get("sector"), item.get("kind", "person"), item.get("gender"))
        )
    return table


@cache
def pronouns() -> dict[str, Pronoun]:
    return {
        word.lower(): Pronoun(
            spec.get("gender"),
            spec.get("plural"),
            frozenset(spec.get("types", [])),
            bool(spec.get("reflexive", False)),
        )
        for word, spec in load_yaml("pronouns.yaml")["pronouns"].items()
    }
