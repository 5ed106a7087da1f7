"""Countries: names, aliases, demonyms, metonyms and capitals, keyed by ISO alpha-3.

Built from `pycountry` (codes, official names), `countryinfo` (alternative spellings,
demonyms, capitals and coordinates) and the project's ``countries.yaml`` (everyday names,
metonyms such as "the Kremlin", extra demonyms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from dossier.knowledge.folding import strip_accents
from dossier.knowledge.resources import load_yaml

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Lower case, no diacritics, curly apostrophes straightened, no leading "the", single spaces.

    Cached: the same words (demonyms, names) are looked up again and again.
    """
    text = strip_accents(text).replace("’", "'").replace("‘", "'").lower().strip()
    text = _SPACES.sub(" ", text)
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass
class Country:
    iso3: str
    iso2: str
    name: str
    capital: str | None = None
    lat: float | None = None
    lon: float | None = None
    names: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)


@dataclass
class CountryIndex:
    countries: dict[str, Country] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    by_demonym: dict[str, str] = field(default_factory=dict)
    by_metonym: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_capital: dict[str, str] = field(default_factory=dict)

    def lookup(self, surface: str) -> str | None:
        """ISO3 of a country name or alias ("Iran", "the Islamic Republic", "U.S.")."""
        key = _checked_key(surface)
        return self.by_name.get(key) if key is not None else None

    def demonym(self, surface: str) -> str | None:
        """ISO3 of a demonym or adjective ("Iranian", "Iranians", "British")."""
        key = _checked_key(surface)
        return self.by_demonym.get(key) if key is not None else None

    def metonym(self, surface: str) -> tuple[str, str] | None:
        """(ISO3, sector) for names that stand for a government or military ("the Kremlin")."""
        key = _checked_key(surface)
        return self.by_metonym.get(key) if key is not None else None

    def capital(self, surface: str) -> str | None:
        """ISO3 of the country whose capital this is ("Tehran" -> IRN)."""
        return self.by_capital.get(normalize(surface))

    def name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country else iso3


@lru_cache(maxsize=1 << 16)
def _checked_key(surface: str) -> str | None:
    """The normalized lookup key of `surface`, or None when its casing rules it out."""
    key = normalize(surface)
    return key if _case_ok(surface, key) else None


def _case_ok(surface: str, key: str) -> bool:
    """Short aliases ("US", "UK") only count when written in capitals, never "us"."""
    stripped = surface.strip()
    if stripped.lower().startswith("the "):
        stripped = stripped[4:]
    if len(key.replace(".", "")) <= 3:
        return stripped[:1].isupper() and stripped.replace(".", "").isupper()
    return stripped[:1].isupper()


# Short names people actually write, where pycountry's common name is formal.
def _short_name(name: str) -> str:
    return re.sub(r",.*$|\s*\(.*\)$", "", name).strip()


@cache
def country_index() -> CountryIndex:
    import pycountry
    from countryinfo import all_countries

    index = CountryIndex()
    for c in pycountry.countries:
        country = Country(
            iso3=c.alpha_3, iso2=c.alpha_2, name=_short_name(getattr(c, "common_name", c.name))
        )
        country.names |= {c.name, country.name, getattr(c, "official_name", c.name)}
        index.countries[c.alpha_3] = country
    for info_obj in all_countries():
        info = info_obj.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        found = index.countries.get(iso3 or "")
        if found is None:
            continue
        country = found
        country.names.add(info.get("name") or country.name)
        country.names |= {s for s in info.get("altSpellings") or [] if len(s) > 3}
        demonym = info.get("demonym")
        if demonym and _same_country_name(info, country):
            country.demonyms |= {demonym, demonym + "s"}
        if _same_country_name(info, country):
            country.capital = info.get("capital") or country.capital
            latlng = info.get("latlng") or []
            if len(latlng) == 2:
                country.lat, country.lon = float(latlng[0]), float(latlng[1])
    for iso3, spec in (load_yaml("countries.yaml").get("countries") or {}).items():
        known = index.countries.get(iso3)
        if known is None:
            continue
        country = known
        names = spec.get("names") or []
        if names:
            country.name = names[0] if iso3 not in ("USA", "GBR") else country.name
        country.names |= set(names)
        country.demonyms |= set(spec.get("demonyms") or [])
        for sector_key, sector in (("government", "GOV"), ("military", "MIL")):
            for alias in spec.get(sector_key) or []:
                index.by_metonym[normalize(alias)] = (iso3, sector)
    for iso3, country in index.countries.items():
        for alias in country.names:
            index.by_name.setdefault(normalize(alias), iso3)
        for demonym in country.demonyms:
            index.by_demonym.setdefault(normalize(demonym), iso3)
        if country.capital:
            index.by_capital.setdefault(normalize(country.capital), iso3)
    # explicit yaml names win over names taken from the packages
    for iso3, spec in (load_yaml("countries.yaml").get("countries") or {}).items():
        for alias in spec.get("names") or []:
            index.by_name[normalize(alias)] = iso3
        for demonym in spec.get("demonyms") or []:
            index.by_demonym[normalize(demonym)] = iso3
    return index


def _same_country_name(info: Any, country: Country) -> bool:
    return is_main_entry(info, country.iso3)


def is_main_entry(info: Any, iso3: str) -> bool:
    """countryinfo has entries for a country's nations (Wales ...) that share its code; use the
    main one (countries.yaml `nations`)."""
    spec = (load_yaml("countries.yaml").get("countries") or {}).get(iso3) or {}
    return str(info.get("name") or "") not in set(spec.get("nations") or [])
