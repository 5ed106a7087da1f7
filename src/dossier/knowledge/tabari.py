"""Reading PETRARCH/TABARI ``.actors`` and ``.agents`` dictionaries into the actor KB format.

Actors files: a primary phrase (words joined by ``_``; a trailing ``_`` asks for an exact word),
optional ``+SYNONYM`` lines, and codes ``[CODE]`` inline or on indented lines, optionally
date-restricted: ``[CODE YYMMDD-YYMMDD]``, ``[CODE >date]`` (from the date on), ``[CODE <date]``
(before it); limits are inclusive, YYMMDD and YYYYMMDD may be mixed (YY 00-30 = 20YY, else
19YY); an undated code is the default when no restriction matches. ``#`` starts a comment.

Agents files: ``NOUN_PHRASE {PLURALS} [~ROLE]`` lines, with macros ``!NAME! = A, B, C`` that
expand inside phrases (``FOREIGN_!MINIST!``, ``POLICE!PERSON!``).

CAMEO codes are 3-letter blocks: a country (``SYR``) or an international prefix (``IGO``,
``NGO``, ``IMG``, ...) followed by a sector (``GOV``, ``MIL``, ``REB``, ...) and attributes.
:func:`split_code` turns a code into (country, sector) with the blocks listed in
``data/actors/_codes.yaml``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dossier.knowledge.actors import IMPORT_MARKER, cameo_codes, data_home
from dossier.knowledge.folding import strip_accents
from dossier.knowledge.resources import load_yaml


@dataclass(frozen=True)
class TabariCode:
    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class TabariActor:
    phrase: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[TabariCode] = field(default_factory=list)


@dataclass(frozen=True)
class TabariAgent:
    phrase: str
    line: int
    code: str
    plurals: tuple[str, ...] = ()


@dataclass
class ImportStats:
    path: str = ""
    kind: str = ""
    entries: int = 0
    synonyms: int = 0
    codes: int = 0
    dated_codes: int = 0
    written: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    output: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "entries": self.entries,
            "synonyms": self.synonyms,
            "codes": self.codes,
            "dated_codes": self.dated_codes,
            "written": self.written,
            "skipped": self.skipped,
            "warnings": len(self.warnings),
            "output": self.output,
            "seconds": round(self.seconds, 3),
        }


# ---------------------------------------------------------------- reading


_CODE = re.compile(r"\[([^\]]*)\]")


def _clean(text: str) -> str:
    """Drop stray control bytes (0x1A end-of-file marks) and the comment."""
    text = text.replace("\x1a", "")
    return text.split("#", 1)[0]


def parse_date(text: str) -> dt.date:
    """YYMMDD (00-30 = 20YY, else 19YY) or YYYYMMDD."""
    digits = text.strip()
    if not digits.isdigit():
        raise ValueError(f"not a date: {text!r}")
    if len(digits) == 8:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        return dt.date(year, int(digits[2:4]), int(digits[4:]))
    raise ValueError(f"date of {len(digits)} digits: {text!r}")


def parse_code(content: str, warnings: list[str] | None = None, where: str = "") -> TabariCode:
    """The inside of ``[...]``: a code and an optional date restriction."""
    parts = content.split()
    code = parts[0] if parts else ""
    restriction = "".join(parts[1:])
    start = end = None
    problems: list[str] = []

    def bound(text: str) -> dt.date | None:
        try:
            return parse_date(text)
        except ValueError as exc:
            problems.append(str(exc))
            return None

    if restriction.startswith(">"):
        start = bound(restriction[1:])
    elif restriction.startswith("<"):
        before = bound(restriction[1:])
        end = before - dt.timedelta(days=1) if before else None
    elif "-" in restriction:
        first, _, last = restriction.partition("-")
        start, end = bound(first), bound(last)
    elif restriction:
        problems.append(f"unknown restriction {restriction!r}")
    if problems and warnings is not None:
        # an unreadable bound is left open
        warnings.append(f"{where}: [{content.strip()}]: {'; '.join(problems)}; bound ignored")
    return TabariCode(code, start, end)


def _codes_in(text: str, warnings: list[str], where: str) -> tuple[str, list[TabariCode]]:
    """(text before the first code, codes) of one line."""
    head, bracket, _ = text.partition("[")
    codes = [parse_code(m.group(1), warnings, where) for m in _CODE.finditer(text)]
    return (head if bracket else text), codes


def parse_actors(text: str, warnings: list[str] | None = None) -> list[TabariActor]:
    """Entries of a TABARI ``.actors`` dictionary, in file order."""
    warns = warnings if warnings is not None else []
    entries: list[TabariActor] = []
    current: TabariActor | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = _clean(raw)
        stripped = line.strip()
        if not stripped:
            continue
        where = f"line {number}"
        if stripped.startswith("+"):
            phrase, codes = _codes_in(stripped[1:], warns, where)
            if current is None:
                warns.append(f"{where}: synonym before any entry")
                continue
            if phrase.strip():
                current.synonyms.append(phrase.strip())
            current.codes.extend(codes)
        elif stripped.startswith("["):
            _, codes = _codes_in(stripped, warns, where)
            if current is None:
                warns.append(f"{where}: code before any entry")
                continue
            current.codes.extend(codes)
        else:
            phrase, codes = _codes_in(stripped, warns, where)
            current = TabariActor(phrase.strip(), number, codes=codes)
            entries.append(current)
    return entries


_MACRO_DEF = re.compile(r"^\s*!([A-Za-z0-9_]+)!\s*=\s*(.+)$")
_MACRO_USE = re.compile(r"!([A-Za-z0-9_]+)!")


def parse_agents(text: str, warnings: list[str] | None = None) -> list[TabariAgent]:
    """Agent phrases of a TABARI ``.agents`` dictionary, macros expanded (one per form)."""
    warns = warnings if warnings is not None else []
    macros: dict[str, list[str]] = {}
    agents: list[TabariAgent] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = _clean(raw).strip()
        if not line:
            continue
        where = f"line {number}"
        definition = _MACRO_DEF.match(line)
        if definition:
            forms = [f.strip() for f in definition.group(2).split(",") if f.strip()]
            macros[definition.group(1).upper()] = forms
            continue
        match = re.search(r"\[\s*~\s*([A-Za-z]*)\s*[\]}]", line) or re.search(
            r"\[\s*([A-Za-z]+)\s*~\s*\]", line
        )
        if not match:
            warns.append(f"{where}: no [~CODE] in {line!r}")
            continue
        head = line[: match.start()]
        phrase, _, rest = head.partition("{")
        plurals = tuple(p for p in re.split(r"[\s,]+", rest.split("}", 1)[0]) if p)
        empty_braces = "{" in head and not plurals
        for form in _expand(phrase.strip(), macros, warns, where):
            agents.append(
                TabariAgent(
                    form, number, match.group(1).upper(), plurals or (("",) if empty_braces else ())
                )
            )
    return agents


def _expand(phrase: str, macros: dict[str, list[str]], warns: list[str], where: str) -> list[str]:
    match = _MACRO_USE.search(phrase)
    if not match:
        return [phrase]
    name = match.group(1).upper()
    if name not in macros:
        warns.append(f"{where}: unknown macro !{name}!")
        return _expand(phrase[: match.start()] + phrase[match.end() :], macros, warns, where)
    out: list[str] = []
    for form in macros[name]:
        out.extend(
            _expand(phrase[: match.start()] + form + phrase[match.end() :], macros, warns, where)
        )
    return out


def sniff_kind(text: str) -> str:
    """Dictionary kind: agents when most code brackets are ``[~ROLE]``, else actors."""
    agent = len(re.findall(r"\[\s*~", text))
    total = len(re.findall(r"\[", text))
    return "agents" if total and agent * 2 > total else "actors"


# ---------------------------------------------------------------- converting


@cache
def _particles() -> frozenset[str]:
    """Words written in lower case inside a name (``titles.yaml``, ``name_particles``)."""
    return frozenset(str(w).lower() for w in load_yaml("titles.yaml").get("name_particles") or [])


def phrase_words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", phrase.strip()) if w]


def display_name(phrase: str) -> str:
    """``BASHAR_AL_ASSAD_`` -> ``Bashar al Assad``; vowel-less acronyms (``PKK``) stay."""
    words = phrase_words(phrase)
    out: list[str] = []
    for i, word in enumerate(words):
        core = word.strip("()")
        if core.lower() not in _particles() and (
            (len(core) >= 3 and core.isalpha() and not re.search(r"[AEIOUaeiou]", core))
            or (word.startswith("(") and core.isalpha())
        ):
            out.append(word.upper())
            continue
        parts = re.split(r"([-./])", word)
        cased = "".join(p[:1].upper() + p[1:].lower() if p[:1].isalpha() else p for p in parts)
        if i > 0 and cased.lower() in _particles():
            cased = cased.lower()
        out.append(cased)
    return " ".join(out)


def slug(text: str) -> str:
    text = strip_accents(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO code: ``SYRGOV`` -> (SYR, GOV), ``IGOUNO`` -> (IGO, IGO),
    ``IMGMUSALQ`` -> (IMG, REB), ``ELI`` -> (None, ELI), ``AFG`` -> (AFG, None)."""
    codes = cameo_codes()
    sectors: dict[str, str] = codes["sectors"]
    international: dict[str, str | None] = codes["international"]
    blocks = [code[i : i + 3].upper() for i in range(0, len(code), 3)]
    blocks = [b for b in blocks if len(b) == 3 and b.isalpha()]
    if not blocks:
        return None, None
    first = blocks[0]
    if first in international:
        return first, international[first]
    if first in sectors:
        return None, first
    sector = blocks[1] if len(blocks) > 1 and blocks[1] in sectors else None
    return first, sector


def _role(code: TabariCode) -> dict[str, Any]:
    country, sector = split_code(code.code)
    role: dict[str, Any] = {"country": country, "sector": sector, "code": code.code.upper()}
    if code.start:
        role["start"] = code.start.isoformat()
    if code.end:
        role["end"] = code.end.isoformat()
    return role


def _entity_type(codes: list[TabariCode]) -> str:
    parts = [split_code(c.code) for c in codes]
    if all(sector is None and country is not None for country, sector in parts) and not any(
        c.dated for c in codes
    ):
        return "GPE"
    if any(c.dated for c in codes):
        return "PERSON"
    return "ORG"


def _aliases(phrase: str) -> tuple[str, list[str]]:
    """Display name and the extra written forms of one phrase (acronym in parentheses)."""
    name = display_name(phrase)
    extra: list[str] = []
    acronym = re.search(r"\(([A-Za-z0-9.\-]{2,12})\)", name)
    if acronym:
        extra.append(acronym.group(1))
        bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
        if bare:
            extra.append(bare)
    return name, extra


def actor_entries(
    actors: Iterable[TabariActor], prefix: str, stats: ImportStats | None = None
) -> list[dict[str, Any]]:
    """KB entries (``actors.py`` format) for TABARI actors; ids are ``prefix:slug``, entries
    whose phrases give the same slug are merged, entries without a usable code are skipped."""
    stats = stats if stats is not None else ImportStats()
    nulls = {"---", ""}
    merged: dict[str, dict[str, Any]] = {}
    for actor in actors:
        stats.entries += 1
        stats.synonyms += len(actor.synonyms)
        codes = [c for c in actor.codes if c.code.upper() not in nulls]
        stats.codes += len(codes)
        stats.dated_codes += sum(1 for c in codes if c.dated)
        if not codes or not phrase_words(actor.phrase):
            stats.skipped += 1
            continue
        name, names = _aliases(actor.phrase)
        for synonym in actor.synonyms:
            syn_name, syn_extra = _aliases(synonym)
            names.extend([syn_name, *syn_extra])
        undated = [c for c in codes if not c.dated]
        dated = [c for c in codes if c.dated]
        default = split_code(undated[0].code) if undated else (None, None)
        if not undated and dated:
            default = (split_code(dated[-1].code)[0], None)
        key = f"{prefix}:{slug(name)}"
        entry = merged.get(key)
        if entry is None:
            entry = {"id": key, "name": name, "type": _entity_type(codes), "aliases": []}
            if default[0]:
                entry["country"] = default[0]
            if default[1]:
                entry["sector"] = default[1]
            if undated:
                entry["code"] = undated[0].code.upper()
            entry["roles"] = []
            merged[key] = entry
        seen_alias = {entry["name"].lower(), *(a.lower() for a in entry["aliases"])}
        for alias in names:
            if alias.lower() not in seen_alias:
                seen_alias.add(alias.lower())
                entry["aliases"].append(alias)
        for code in dated:
            role = _role(code)
            if role not in entry["roles"]:
                entry["roles"].append(role)
    out = []
    for entry in merged.values():
        if not entry["roles"]:
            del entry["roles"]
        if not entry["aliases"]:
            del entry["aliases"]
        out.append(entry)
    stats.written = len(out)
    return out


def agent_entries(
    agents: Iterable[TabariAgent], stats: ImportStats | None = None
) -> list[dict[str, Any]]:
    """``roles.yaml``-style entries {noun, sector, kind, code} for TABARI agents (first wins)."""
    stats = stats if stats is not None else ImportStats()
    non_actor = set(cameo_codes()["non_actor"])
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for agent in agents:
        stats.entries += 1
        stats.codes += 1
        noun = " ".join(w.lower() for w in phrase_words(agent.phrase))
        if not noun or not agent.code:
            stats.skipped += 1
            continue
        if noun in seen:
            continue
        seen.add(noun)
        block = agent.code[:3]
        sector = None if block in non_actor else block
        kind = "group" if agent.plurals == ("",) else "person"
        entry: dict[str, Any] = {"noun": noun, "sector": sector, "kind": kind, "code": agent.code}
        plurals = [" ".join(w.lower() for w in phrase_words(p)) for p in agent.plurals if p]
        if plurals:
            entry["plurals"] = plurals
        out.append(entry)
    stats.written = len(out)
    return out


# ---------------------------------------------------------------- importing


def write_entries(path: Path, entries: list[dict[str, Any]], header: str = "") -> None:
    """One JSON object per ``- `` line: valid YAML, and fast to read back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(f"{IMPORT_MARKER}\n")
        for line in header.splitlines():
            fh.write(f"# {line}\n")
        for entry in entries:
            fh.write("- " + json.dumps(entry, ensure_ascii=False) + "\n")
    tmp.replace(path)


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def import_dictionary(
    path: Path,
    name: str | None = None,
    kind: str = "auto",
    home: Path | None = None,
    write: bool = True,
) -> ImportStats:
    """Convert one TABARI dictionary into ``<home>/actors/imported-<name>.yaml`` (actors) or
    ``<home>/agents/imported-<name>.yaml`` (agents); `home` defaults to :func:`data_home`."""
    started = time.perf_counter()
    text = read_text(path)
    kind = sniff_kind(text) if kind == "auto" else kind
    label = slug(name or re.sub(r"\.(txt|actors|agents)$", "", path.name, flags=re.I))
    stats = ImportStats(path=str(path), kind=kind)
    if kind == "agents":
        entries = agent_entries(parse_agents(text, stats.warnings), stats)
        folder = "agents"
    elif kind == "actors":
        entries = actor_entries(parse_actors(text, stats.warnings), label, stats)
        folder = "actors"
    else:
        raise ValueError(f"unknown dictionary kind {kind!r}")
    out = (home or data_home()) / folder / f"imported-{label}.yaml"
    stats.output = str(out)
    if write and entries:
        header = (
            f"imported by `dossier kb import` from {path.name} ({kind}): "
            f"{stats.entries} entries, {stats.written} written"
        )
        write_entries(out, entries, header)
    stats.seconds = time.perf_counter() - started
    return stats
