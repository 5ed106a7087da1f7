"""The actor knowledge base: packaged files valid, dated roles, lookups, ties, load time."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from dossier.knowledge import actors as actors_mod
from dossier.knowledge.actors import (
    Actor,
    ActorRole,
    actor_kb,
    cameo_codes,
    clear_caches,
    parse_actor,
)
from dossier.knowledge.resources import DATA_DIR

ACTOR_DIR = DATA_DIR / "actors"
ACTOR_FILES = sorted(p for p in ACTOR_DIR.glob("*.yaml") if not p.name.startswith("_"))
D = dt.date


@pytest.fixture(scope="module")
def raw() -> dict[str, list[dict[str, Any]]]:
    return {p.name: yaml.safe_load(p.read_text("utf-8")) for p in ACTOR_FILES}


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An empty user data directory and a private cache, shared by the module's tests."""
    return tmp_path_factory.mktemp("home"), tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated(dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """No user data directory and a private cache: tests see the packaged files only."""
    monkeypatch.setenv("DOSSIER_DATA_HOME", str(dirs[0]))
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(dirs[1]))
    monkeypatch.delenv("DOSSIER_DATA_PATH", raising=False)
    clear_caches()


# ---------------------------------------------------------------- the files themselves


def test_files_are_valid(raw: dict[str, list[dict[str, Any]]]) -> None:
    sectors = set(cameo_codes()["sectors"])
    pseudo_countries = set(cameo_codes()["international"])
    ids: dict[str, str] = {}
    problems: list[str] = []
    for name, items in raw.items():
        assert isinstance(items, list) and items, name
        for item in items:
            where = f"{name}:{item.get('id')}"
            for key in ("id", "name", "type"):
                if not item.get(key):
                    problems.append(f"{where}: no {key}")
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(item["id"])):
                problems.append(f"{where}: id is not a lower-case slug")
            if item["id"] in ids:
                problems.append(f"{where}: duplicate id (also in {ids[item['id']]})")
            ids[item["id"]] = name
            if item["type"] not in {"PERSON", "ORG"}:
                problems.append(f"{where}: type {item['type']}")
            if item.get("gender") not in (None, "m", "f"):
                problems.append(f"{where}: gender {item['gender']}")
            if item["type"] == "PERSON" and not item.get("gender"):
                problems.append(f"{where}: person without gender")
            if item.get("sector") is not None and item["sector"] not in sectors:
                problems.append(f"{where}: unknown sector {item['sector']}")
            for code in [item.get("country")] + [r.get("country") for r in item.get("roles") or []]:
                if code is not None and not re.fullmatch(r"[A-Z]{3}", code):
                    problems.append(f"{where}: bad country {code}")
            aliases = item.get("aliases") or []
            if not all(isinstance(a, str) and a.strip() for a in aliases):
                problems.append(f"{where}: empty or non-text alias")
            for role in item.get("roles") or []:
                if set(role) - {"country", "sector", "title", "start", "end", "code"}:
                    problems.append(f"{where}: unknown role keys {sorted(role)}")
                if role.get("sector") not in sectors:
                    problems.append(f"{where}: role sector {role.get('sector')}")
                for key in ("start", "end"):
                    if key in role and not isinstance(role[key], dt.date):
                        problems.append(f"{where}: {key} {role[key]!r} is not an ISO date")
                start, end = role.get("start"), role.get("end")
                if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
                    problems.append(f"{where}: role starts after it ends ({start} > {end})")
            if item["type"] == "PERSON" and not item.get("roles"):
                problems.append(f"{where}: person without roles")
    # ties point to existing ids or to countries
    for name, items in raw.items():
        for item in items:
            for tie in item.get("ties") or []:
                target = tie.get("target", "")
                if not tie.get("type"):
                    problems.append(f"{name}:{item['id']}: tie without type")
                if target in ids or re.fullmatch(r"[A-Z]{3}", target):
                    continue
                problems.append(f"{name}:{item['id']}: tie to unknown {target!r}")
    assert "IGO" in pseudo_countries
    assert not problems, "\n".join(problems)


def test_breadth(raw: dict[str, list[dict[str, Any]]]) -> None:
    orgs = raw["organizations.yaml"]
    people = raw["people.yaml"]
    assert len(orgs) >= 300 and len(people) >= 300
    media = [o for o in orgs if o.get("sector") == "MED"]
    assert len(media) >= 60 and all(o.get("country") for o in media)
    countries = {r["country"] for p in people for r in p["roles"]}
    for iso in (
        "USA",
        "RUS",
        "UKR",
        "ISR",
        "IRN",
        "SYR",
        "LBN",
        "IRQ",
        "TUR",
        "SAU",
        "ARE",
        "QAT",
        "EGY",
        "JOR",
        "YEM",
        "CHN",
        "TWN",
        "PRK",
        "KOR",
        "IND",
        "PAK",
        "AFG",
        "GBR",
        "FRA",
        "DEU",
        "SDN",
        "ETH",
        "COD",
        "RWA",
        "VEN",
        "IGO",
    ):
        assert iso in countries, iso


def test_aliases_are_not_ambiguous_within_people(raw: dict[str, list[dict[str, Any]]]) -> None:
    """One written form names one person: a surname alias shared by two people is a bug."""
    from dossier.knowledge.countries import normalize

    owner: dict[str, str] = {}
    clashes = []
    for item in raw["people.yaml"]:
        for alias in [item["name"], *(item.get("aliases") or [])]:
            key = normalize(alias)
            if key in owner and owner[key] != item["id"]:
                clashes.append(f"{alias!r}: {owner[key]} / {item['id']}")
            owner.setdefault(key, item["id"])
    assert not clashes, clashes


def test_roles_yaml_sectors_known() -> None:
    sectors = set(cameo_codes()["sectors"])
    items = yaml.safe_load((DATA_DIR / "roles.yaml").read_text("utf-8"))["roles"]
    nouns = [i["noun"].lower() for i in items]
    assert len(nouns) == len(set(nouns)), "duplicate role nouns"
    bad = [i for i in items if i.get("sector") is not None and i["sector"] not in sectors]
    assert not bad, bad
    table = {i["noun"].lower(): i for i in items}
    assert table["soldier"]["sector"] == "MIL"
    assert table["police"]["sector"] == "COP"
    assert table["rebel"]["sector"] == "REB"
    assert table["foreign minister"]["sector"] == "GOV"
    assert table["analyst"]["sector"] is None
    assert table["protester"]["sector"] == "OPP"
    assert table["peacekeeper"]["sector"] == "IGO"


# ---------------------------------------------------------------- dated roles


def test_assad_before_and_after_the_fall() -> None:
    assad = actor_kb().lookup("Bashar al-Assad")
    assert assad is not None
    assert assad.coding_on(D(2024, 12, 1))[:2] == ("SYR", "GOV")
    assert assad.coding_on(D(2024, 12, 8))[:2] == ("SYR", "GOV")  # ends inclusive
    after = assad.coding_on(D(2024, 12, 20))
    assert after[0] == "SYR" and after[1] != "GOV"
    assert assad.coding_on(D(1999, 1, 1))[1] != "GOV"


def test_sharaa_rebel_then_government() -> None:
    kb = actor_kb()
    sharaa = kb.lookup("Abu Mohammad al-Jolani")
    assert sharaa is not None and sharaa is kb.lookup("Ahmed al-Sharaa")
    assert sharaa.coding_on(D(2020, 5, 1))[:2] == ("SYR", "REB")
    assert sharaa.coding_on(D(2024, 12, 7))[:2] == ("SYR", "REB")
    assert sharaa.coding_on(D(2024, 12, 20))[:2] == ("SYR", "GOV")
    assert sharaa.coding_on(D(2025, 6, 1)) == ("SYR", "GOV", "President")


@pytest.mark.parametrize(
    ("name", "day", "country", "sector"),
    [
        ("Joe Biden", D(2015, 1, 1), "USA", "GOV"),
        ("Donald Trump", D(2019, 1, 1), "USA", "GOV"),
        ("Donald Trump", D(2025, 6, 1), "USA", "GOV"),
        ("Antony Blinken", D(2023, 1, 1), "USA", "GOV"),
        ("Pete Hegseth", D(2025, 10, 1), "USA", "MIL"),
        ("Sergei Shoigu", D(2023, 1, 1), "RUS", "MIL"),
        ("Sergei Shoigu", D(2024, 6, 1), "RUS", "GOV"),
        ("Valerii Zaluzhnyi", D(2023, 1, 1), "UKR", "MIL"),
        ("Esmail Qaani", D(2024, 1, 1), "IRN", "MIL"),
        ("Qassem Soleimani", D(2019, 1, 1), "IRN", "MIL"),
        ("Hassan Nasrallah", D(2023, 1, 1), "LBN", "REB"),
        ("Naim Qassem", D(2025, 1, 1), "LBN", "REB"),
        ("Joseph Aoun", D(2024, 1, 1), "LBN", "MIL"),
        ("Joseph Aoun", D(2025, 2, 1), "LBN", "GOV"),
        ("Yahya Sinwar", D(2024, 9, 1), "PSE", "REB"),
        ("Abdel Fattah al-Burhan", D(2024, 1, 1), "SDN", "GOV"),
        ("Hemedti", D(2024, 1, 1), "SDN", "REB"),
        ("Hemedti", D(2020, 1, 1), "SDN", "GOV"),
        ("Hibatullah Akhundzada", D(2019, 1, 1), "AFG", "REB"),
        ("Hibatullah Akhundzada", D(2022, 1, 1), "AFG", "GOV"),
        ("Mark Rutte", D(2025, 1, 1), "IGO", "IGO"),
        ("Mark Rutte", D(2020, 1, 1), "NLD", "GOV"),
    ],
)
def test_dated_codings(name: str, day: dt.date, country: str, sector: str) -> None:
    actor = actor_kb().lookup(name)
    assert actor is not None, name
    assert actor.coding_on(day)[:2] == (country, sector)


def test_offices_change_hands() -> None:
    kb = actor_kb()

    def holder(title: str, country: str, day: dt.date) -> set[str]:
        return {
            a.id
            for a in kb.actors.values()
            for r in a.roles
            if r.title == title and r.country == country and r.holds_on(day)
        }

    assert holder("President", "USA", D(2010, 6, 1)) == {"barack-obama"}
    assert holder("President", "USA", D(2023, 6, 1)) == {"joe-biden"}
    assert holder("President", "USA", D(2025, 6, 1)) == {"donald-trump"}
    assert holder("Secretary of State", "USA", D(2014, 1, 1)) == {"john-kerry"}
    assert holder("Secretary of State", "USA", D(2025, 6, 1)) == {"marco-rubio"}
    assert holder("Prime Minister", "ISR", D(2022, 1, 1)) == {"naftali-bennett"}
    assert holder("President", "IRN", D(2023, 1, 1)) == {"ebrahim-raisi"}
    assert holder("President", "IRN", D(2025, 1, 1)) == {"masoud-pezeshkian"}
    assert holder("Foreign Minister", "IRN", D(2025, 1, 1)) == {"abbas-araghchi"}
    assert holder("Prime Minister", "GBR", D(2025, 1, 1)) == {"keir-starmer"}
    assert holder("Chancellor", "DEU", D(2024, 1, 1)) == {"olaf-scholz"}


def test_role_semantics() -> None:
    actor = parse_actor(
        {
            "id": "x",
            "name": "X",
            "type": "PERSON",
            "country": "AAA",
            "roles": [
                {
                    "country": "AAA",
                    "sector": "MIL",
                    "title": "General",
                    "start": "2000-01-01",
                    "end": "2009-12-31",
                },
                {"country": "AAA", "sector": "GOV", "title": "Minister", "start": "2005-01-01"},
            ],
        }
    )
    assert actor.roles[0] == ActorRole("AAA", "MIL", "General", D(2000, 1, 1), D(2009, 12, 31))
    assert actor.coding_on(D(2003, 1, 1)) == ("AAA", "MIL", "General")
    assert actor.coding_on(D(2007, 1, 1)) == ("AAA", "GOV", "Minister")  # latest start wins
    assert actor.coding_on(D(1990, 1, 1)) == ("AAA", None, None)
    latest = actor.role_on(None)
    assert latest is not None and latest.title == "Minister"
    assert actor.code_on(D(2003, 1, 1)) == "AAAMIL"


# ---------------------------------------------------------------- lookups and ties


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("Hezbollah", "hezbollah"),
        ("HIZBALLAH", "hezbollah"),
        ("hizbullah", "hezbollah"),
        ("the Islamic State", "isis"),
        ("ISIL", "isis"),
        ("Daesh", "isis"),
        ("Ansar Allah", "houthis"),
        ("the Houthis", "houthis"),
        ("Kata'ib Hezbollah", "kataib-hezbollah"),
        ("Kata’ib Hezbollah", "kataib-hezbollah"),
        ("Hay'at Tahrir al-Sham", "hts"),
        ("Hayat Tahrir al Sham", "hts"),
        ("Médecins Sans Frontières", "msf"),
        ("Medecins Sans Frontieres", "msf"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("ERDOGAN", "recep-tayyip-erdogan"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("Netanyahu", "benjamin-netanyahu"),
        ("Khamenei", "ali-khamenei"),
        ("Mr. Assad", None),
        ("Assad", "bashar-al-assad"),
        ("bashar al assad", "bashar-al-assad"),
        ("The New York Times", "new-york-times"),
        ("Reuters", "reuters"),
        ("Al Jazeera", "al-jazeera"),
        ("Al-Jazeera", "al-jazeera"),
        ("U.N.", "un"),
        ("UN Security Council", "unsc"),
        ("the IAEA", "iaea"),
        ("Quds Force", "quds-force"),
        ("Wagner", "wagner-group"),
        ("SNA", "syrian-national-army"),
        ("sna", None),
        ("Sna", None),
        ("aa", None),
        ("RSF", "rsf"),
        ("Unknown Name Here", None),
    ],
)
def test_lookup(surface: str, actor_id: str | None) -> None:
    actor = actor_kb().lookup(surface)
    assert (actor.id if actor else None) == actor_id


def test_media_coding() -> None:
    kb = actor_kb()
    for name, country in [
        ("New York Times", "USA"),
        ("IRNA", "IRN"),
        ("Tasnim", "IRN"),
        ("TASS", "RUS"),
        ("Xinhua", "CHN"),
        ("SANA", "SYR"),
        ("Haaretz", "ISR"),
        ("BBC", "GBR"),
        ("AFP", "FRA"),
    ]:
        actor = kb.lookup(name)
        assert actor is not None and (actor.country, actor.sector) == (country, "MED"), name


def test_ties() -> None:
    kb = actor_kb()
    quds = kb.lookup("Quds Force")
    assert quds is not None and "irgc" in quds.tie_targets("part_of")
    hezbollah = kb.lookup("Hezbollah")
    assert hezbollah is not None and "IRN" in hezbollah.tie_targets("proxy_of")
    ypg = kb.lookup("YPG")
    assert ypg is not None and {"sdf", "pkk"} <= set(ypg.tie_targets())
    qaani = kb.lookup("Qaani")
    assert qaani is not None and qaani.tie_targets("leader_of") == ["quds-force"]


def test_seed_article_actors() -> None:
    """The actors the seed article needs, coded as the issue expects (not article-specific:
    these are general facts)."""
    kb = actor_kb()
    day = D(2024, 10, 1)
    assert kb.lookup("Qaani").coding_on(day)[:2] == ("IRN", "MIL")  # type: ignore[union-attr]
    assert kb.lookup("Quds Force").coding_on(day)[:2] == ("IRN", "MIL")  # type: ignore[union-attr]
    assert kb.lookup("Hezbollah").country == "LBN"  # type: ignore[union-attr]
    assert kb.lookup("Assad").coding_on(day)[:2] == ("SYR", "GOV")  # type: ignore[union-attr]
    nyt = kb.lookup("the New York Times")
    assert nyt is not None and (nyt.country, nyt.sector) == ("USA", "MED")


def test_user_files_extend_and_packaged_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "actors"
    extra.mkdir()
    (extra / "mine.yaml").write_text(
        "- {id: my-militia, name: Example Brigade, type: ORG, country: SYR, sector: REB,"
        " aliases: [Hezbollah]}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(tmp_path))
    clear_caches()
    kb = actor_kb()
    assert kb.lookup("Example Brigade") is not None
    assert kb.lookup("Hezbollah").id == "hezbollah"  # type: ignore[union-attr]
    assert [a.id for a in kb.candidates("Hezbollah")] == ["hezbollah", "my-militia"]


# ---------------------------------------------------------------- speed and caching


def test_load_time_and_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    clear_caches()
    started = time.perf_counter()
    cold = actor_kb()
    cold_time = time.perf_counter() - started
    assert list((tmp_path / "cache").glob("actor-kb-*.pickle"))
    clear_caches()
    started = time.perf_counter()
    warm = actor_kb()
    warm_time = time.perf_counter() - started
    assert len(warm) == len(cold) >= 600
    assert warm_time < 0.5, f"warm load {warm_time:.3f}s (cold {cold_time:.3f}s)"
    assert isinstance(warm.lookup("Netanyahu"), Actor)


def test_cache_follows_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "user"
    (user / "actors").mkdir(parents=True)
    path = user / "actors" / "mine.yaml"
    path.write_text("- {id: a1, name: First Name Example, type: ORG}\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(user))
    clear_caches()
    assert actor_kb().lookup("First Name Example") is not None
    path.write_text(
        "- {id: a1, name: Second Name Example, type: ORG, sector: GOV}\n", encoding="utf-8"
    )
    clear_caches()
    kb = actor_kb()
    assert kb.lookup("Second Name Example") is not None
    assert kb.lookup("First Name Example") is None


def test_module_constants() -> None:
    assert actors_mod.IMPORT_MARKER.startswith("#")
