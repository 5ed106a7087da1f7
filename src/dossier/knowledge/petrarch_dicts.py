"""A user's PETRARCH/TABARI dictionaries, given by path: verbs, actors, agents, discards.

`load_dictionaries({"verbs": [...], "actors": [...], ...})` reads each file with its reader
(verbs and discards: :mod:`dossier.knowledge.petrarch_verbs`; actors and agents: the TABARI
readers of :mod:`dossier.knowledge.tabari`, with their dated codes) into one
:class:`Dictionaries`, with the phrase indexes the coder looks tokens up in. Unreadable lines
are kept in ``errors`` (file and line) and code nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dossier.knowledge import tabari
from dossier.knowledge.petrarch_verbs import (
    DictionaryError,
    Discard,
    VerbDictionary,
    parse_discards,
    parse_verbs,
)

KINDS = ("verbs", "actors", "agents", "discards")


@dataclass(frozen=True)
class Phrase:
    """An actor or agent phrase: words (upper-case) and which must match exactly."""

    words: tuple[str, ...]
    exact: tuple[bool, ...]
    file: str
    line: int
    codes: tuple[tabari.TabariCode, ...] = ()  # actors
    role: str = ""  # agents: the ~ROLE, without the tilde

    @property
    def rule(self) -> str:
        return f"{self.file}:{self.line}"

    def code_on(self, day: dt.date | None) -> str | None:
        """The code holding on `day`: a dated code whose range holds, else the undated one."""
        default: str | None = None
        for c in self.codes:
            if not c.dated:
                default = default or c.code
            elif (
                day is not None
                and (c.start is None or c.start <= day)
                and (c.end is None or day <= c.end)
            ):
                return c.code
        if default is None and self.codes and day is None:
            return self.codes[0].code
        return default


@dataclass
class Dictionaries:
    verbs: list[VerbDictionary] = field(default_factory=list)
    actors: dict[str, list[Phrase]] = field(default_factory=dict)  # first word -> phrases
    agents: dict[str, list[Phrase]] = field(default_factory=dict)
    discards: list[tuple[str, Discard]] = field(default_factory=list)
    errors: list[DictionaryError] = field(default_factory=list)
    files: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.verbs or self.actors or self.agents or self.discards)


def _phrase_words(phrase: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    words: list[str] = []
    exact: list[bool] = []
    text = phrase.strip()
    parts = [p for p in text.replace(" ", "_").split("_")]
    for k, part in enumerate(parts):
        if not part:
            if words and k == len(parts) - 1:
                exact[-1] = True  # a trailing "_": the last word exactly
            continue
        words.append(part.upper())
        exact.append(False)
    if text.endswith("_") and exact:
        exact[-1] = True
    return tuple(words), tuple(exact)


def _add(index: dict[str, list[Phrase]], phrase: Phrase) -> None:
    if phrase.words:
        index.setdefault(phrase.words[0], []).append(phrase)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc


def _lines_outside_comments(text: str) -> str:
    """Blank out ``<!-- ... -->`` comments (line numbers kept)."""
    out: list[str] = []
    inside = False
    for raw in text.splitlines():
        line = raw
        if inside:
            if "-->" in line:
                inside = False
            out.append("")
            continue
        if "<!--" in line:
            head, _, rest = line.partition("<!--")
            if "-->" not in rest:
                inside = True
                line = head
            else:
                line = head + rest.split("-->", 1)[1]
        out.append(line)
    return "\n".join(out)


def load_dictionaries(paths: Mapping[str, Iterable[str | Path]]) -> Dictionaries:
    """Read the dictionaries; an unknown kind or an unreadable file raises DictionaryError."""
    out = Dictionaries()
    for kind, files in paths.items():
        if kind not in KINDS:
            raise DictionaryError(
                str(kind), 0, f"unknown dictionary kind; known: {', '.join(KINDS)}"
            )
        for file in files:
            path = Path(file)
            name = str(path)
            out.files.setdefault(kind, []).append(name)
            text = _read(path)
            if kind == "verbs":
                out.verbs.append(parse_verbs(text, name, out.errors))
            elif kind == "discards":
                out.discards.extend((name, d) for d in parse_discards(text, name))
            elif kind == "actors":
                warns: list[str] = []
                for actor in tabari.parse_actors(_lines_outside_comments(text), warns):
                    if not actor.codes:
                        out.errors.append(
                            DictionaryError(name, actor.line, "an actor without a code")
                        )
                        continue
                    for form in [actor.phrase, *actor.synonyms]:
                        words, exact = _phrase_words(form)
                        _add(out.actors, Phrase(words, exact, name, actor.line, tuple(actor.codes)))
                out.errors.extend(_warning_errors(name, warns))
            else:
                warns = []
                lines = text.splitlines()
                for agent in tabari.parse_agents(_lines_outside_comments(text), warns):
                    forms = [agent.phrase, *(p for p in agent.plurals if p)]
                    # "[NGO~]" puts the role before the country, "[~GOV]" after it
                    prefix = re.search(r"\[\s*[A-Za-z]+\s*~\s*\]", lines[agent.line - 1])
                    role = agent.code + "~" if prefix else agent.code
                    # "POLICE {}": empty braces say the noun has no plural forms (TABARI), so
                    # its last word matches exactly ("POLICES" is no police)
                    no_plural = agent.plurals == ("",)
                    for form in forms:
                        words, exact = _phrase_words(form)
                        if no_plural and exact:
                            exact = (*exact[:-1], True)
                        _add(out.agents, Phrase(words, exact, name, agent.line, role=role))
                out.errors.extend(_warning_errors(name, warns))
    return out


def _warning_errors(file: str, warns: list[str]) -> list[DictionaryError]:
    out: list[DictionaryError] = []
    for w in warns:
        head, _, msg = w.partition(": ")
        number = (
            int(head.split()[-1]) if head.startswith("line ") and head.split()[-1].isdigit() else 0
        )
        out.append(DictionaryError(file, number, msg or w))
    return out
