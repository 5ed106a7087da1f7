"""Choosing the gazetteer entry that each place name of a document refers to.

A :class:`Toponym` gathers every mention of one name in a document with its gazetteer
candidates. :func:`resolve` scores each candidate with

* a size prior (log population) and a kind prior (country > continent > admin1 > capital > city),
* the quality of the name match (own name > alternate name > name variant > fuzzy match),
* containment: "Paris, Texas" and "Paris in Texas" keep candidates inside the container,
* coherence with the document: candidates in the countries the document talks about (its
  places, demonyms, actors), in the same first-level division, or near its other places,
* metonyms: a capital standing for its government ("Washington said") is the capital city,

then keeps the best one unless its score falls under the abstain threshold. The weights are
explained in ``rule`` strings so every decision can be inspected.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier.knowledge.gazetteer import Candidate, haversine_km

KIND_PRIOR = {
    "PCLI": 1.2,
    "CONT": 0.9,
    "RGN": 0.7,
    "ADM1": 0.35,
    "PPLC": 0.4,
    "ADM2": 0.1,
    "OTHER": 0.5,
    "PPL": 0.0,
    "PPLA": 0.1,
}
MATCH_PENALTY = {"name": 0.0, "alt": -0.25, "bare": -0.35, "fuzzy": -0.45}
CONTAINMENT_BONUS = 1.5
METONYM_BONUS = 1.0
NEAR_KM = 250.0
DEFAULT_ABSTAIN = 0.55
ANCHOR_MAX_WEIGHT = 2


@dataclass
class Toponym:
    """One place name of a document: its mentions and gazetteer candidates."""

    key: str
    surface: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # character offsets
    candidates: list[Candidate] = field(default_factory=list)
    source: str = "ner"  # "entity", "ner", "gazetteer" (a capitalized name NER missed)
    entity: str | None = None
    containers: list[list[Candidate]] = field(default_factory=list)
    metonym_country: str | None = None  # ISO3 when the name stands for a government
    fuzzy: bool = False
    abstain: float = DEFAULT_ABSTAIN


@dataclass
class Resolution:
    candidate: Candidate
    score: float
    confidence: float
    rule: str


def size_prior(c: Candidate) -> float:
    return math.log10(c.population + 1) / 7.0


def inside(c: Candidate, container: Candidate) -> bool:
    """Whether `c` lies inside `container` (a country, a first-level division, a continent)."""
    if c.id == container.id:
        return False
    if container.fcode == "PCLI":
        return c.country == container.country and c.fcode != "PCLI"
    if container.fcode in ("ADM1", "ADM2") and container.admin1 is None:
        return (
            c.country == container.country
            and c.fcode not in ("PCLI", "ADM1")
            and haversine_km(c.lat, c.lon, container.lat, container.lon) < 1000
        )
    if container.fcode in ("ADM1", "ADM2"):
        return (
            c.country == container.country
            and c.admin1 is not None
            and c.admin1 == container.admin1
            and c.fcode not in ("PCLI", "ADM1")
        )
    if container.fcode == "NEAR":
        return haversine_km(c.lat, c.lon, container.lat, container.lon) < 300
    if container.fcode in ("RGN", "CONT"):
        return c.fcode not in ("PCLI", "CONT") and (
            haversine_km(c.lat, c.lon, container.lat, container.lon) < 1500
        ) and (container.country is None or c.country == container.country)
    return False


def _base(c: Candidate, t: Toponym) -> tuple[float, list[str]]:
    score = size_prior(c) + KIND_PRIOR.get(c.fcode, 0.0) + MATCH_PENALTY.get(c.match, -0.3)
    why = [f"prior {score:.2f} ({c.fcode}, pop {c.population}, {c.match} match)"]
    if t.fuzzy:
        score += MATCH_PENALTY["fuzzy"]
        why.append("fuzzy name")
    if t.metonym_country and c.country == t.metonym_country and c.fcode == "PPLC":
        score += METONYM_BONUS
        why.append("capital standing for its government")
    return score, why


def _city_named_like_province(c: Candidate, cands: list[Candidate]) -> bool:
    """A big city that shares its name with its province ("New York", "Tehran")."""
    if c.fcode not in ("PPL", "PPLC", "PPLA"):
        return False
    if c.match != "name" and c.population < 1_000_000:
        return False
    if any(a.fcode == "PCLI" for a in cands):
        return False  # "Mexico" is the country
    return any(
        a.fcode == "ADM1"
        and a.country == c.country
        and a.admin1 == c.admin1
        and c.population >= 0.2 * max(a.population, 1)
        for a in cands
    )


MAX_NEIGHBOUR_CANDIDATES = 12
NEIGHBOUR_KM = 120.0


def neighbours(toponyms: list[Toponym]) -> dict[tuple[int, int], int]:
    """For each (toponym index, candidate id): how many other names of the document have a
    candidate within NEIGHBOUR_KM (towns named together are usually near each other)."""
    points: list[list[Candidate]] = []
    for t in toponyms:
        cands = [c for c in t.candidates if c.fcode not in ("PCLI", "CONT", "RGN", "ADM1")]
        cands.sort(key=lambda c: -c.population)
        points.append(cands[:MAX_NEIGHBOUR_CANDIDATES])
    counts: dict[tuple[int, int], int] = {}
    for i, cands in enumerate(points):
        if len({c.country for c in cands}) < 2 and len(cands) < 2:
            continue  # unambiguous: nothing to decide
        for c in cands:
            n = 0
            for j, others in enumerate(points):
                if j == i or toponyms[j].key == toponyms[i].key:
                    continue
                if any(abs(o.lat - c.lat) < 2 and haversine_km(c.lat, c.lon, o.lat, o.lon)
                       < NEIGHBOUR_KM for o in others):
                    n += 1
            if n:
                counts[(i, c.id)] = n
    return counts


def score_candidates(
    t: Toponym,
    countries: Counter[str],
    anchors: list[Candidate],
    near: dict[int, int] | None = None,
) -> list[tuple[float, Candidate, list[str]]]:
    """Every candidate of `t` with its score and the reasons, best first."""
    total = sum(countries.values()) or 1
    scored: list[tuple[float, Candidate, list[str]]] = []
    for c in t.candidates:
        score, why = _base(c, t)
        if _city_named_like_province(c, t.candidates):
            score += KIND_PRIOR["ADM1"] + 0.1
            why.append("city named like its province")
        if t.containers:
            hits = sum(1 for group in t.containers if any(inside(c, y) for y in group))
            if hits:
                score += CONTAINMENT_BONUS
                why.append("inside the named container")
        if c.country and countries.get(c.country) and c.fcode != "PCLI":
            n = countries[c.country]
            bonus = 0.35 * min(1.0, n / 2) + 0.5 * n / total
            score += bonus
            why.append(f"document country {c.country} (+{bonus:.2f})")
        others = [a for a in anchors if a.id != c.id and a.fcode not in ("PCLI", "CONT")]
        if c.fcode not in ("PCLI", "CONT") and others:
            if c.admin1 and any(
                a.country == c.country and a.admin1 == c.admin1 and a.fcode != "PCLI"
                for a in others
            ):
                score += 0.3
                why.append("same province as other places")
            elif any(haversine_km(c.lat, c.lon, a.lat, a.lon) < NEAR_KM for a in others):
                score += 0.25
                why.append("near other places")
        if near and near.get(c.id):
            bonus = 0.2 * min(3, near[c.id])
            score += bonus
            why.append(f"near {near[c.id]} other named places (+{bonus:.2f})")
        scored.append((score, c, why))
    scored.sort(key=lambda x: (-x[0], -x[1].population, x[1].id))
    return scored


def _confidence(scored: list[tuple[float, Candidate, list[str]]]) -> float:
    best = scored[0][0]
    second = scored[1][0] if len(scored) > 1 else best - 1.5
    margin = best - second
    level = 1 / (1 + math.exp(-3 * (best - 1.0)))
    return round(max(0.05, min(0.99, level * (0.5 + 0.5 * math.tanh(2 * margin)))), 2)


def resolve(
    toponyms: list[Toponym],
    context_countries: Iterable[str] = (),
) -> list[Resolution | None]:
    """Choose a candidate for every toponym (None: abstain), in two passes.

    The first pass uses the priors and containment alone; its confident choices (and the
    countries in `context_countries`, e.g. from demonyms and actors) become the document's
    context for the second pass.
    """
    countries: Counter[str] = Counter(c for c in context_countries if c)
    first: list[tuple[float, Candidate] | None] = []
    for t in toponyms:
        scored = score_candidates(t, countries, []) if t.candidates else []
        first.append((scored[0][0], scored[0][1]) if scored else None)
    anchors: list[Candidate] = []
    doc_countries = Counter(countries)
    own: list[Candidate | None] = []  # each toponym's own first-pass choice
    weight: list[int] = []  # a name counts once or twice, however often it is repeated
    for t, best in zip(toponyms, first, strict=True):
        weight.append(min(len(t.spans), ANCHOR_MAX_WEIGHT))
        if best is None or best[0] < t.abstain + 0.3:
            own.append(None)
            continue
        cand = best[1]
        own.append(cand)
        if cand.country:
            doc_countries[cand.country] += weight[-1]
        anchors.append(cand)
    # one sense per discourse: every toponym written with the same name is one group
    groups: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(toponyms):
        groups[name_of(t)].append(i)
    close = neighbours(toponyms)
    scored_all: list[list[tuple[float, Candidate, list[str]]]] = []
    for i, t in enumerate(toponyms):
        if not t.candidates:
            scored_all.append([])
            continue
        near = {cid: n for (k, cid), n in close.items() if k == i}
        # the document's context without the first guesses for this very name (no
        # self-confirmation, even when the name is split over several toponyms)
        context = doc_countries
        others = anchors
        mine = [(own[j], weight[j]) for j in groups[name_of(t)] if own[j] is not None]
        if mine:
            context = Counter(doc_countries)
            for guess, w in mine:
                if guess is not None and guess.country:
                    context[guess.country] -= w
            context = +context
            ids = {id(guess) for guess, _ in mine}
            others = [a for a in anchors if id(a) not in ids]
        scored_all.append(score_candidates(t, context, others, near))
    results: list[Resolution | None] = []
    for i, t in enumerate(toponyms):
        scored = scored_all[i]
        if not scored:
            results.append(None)
            continue
        best_score, cand, why = scored[0]
        # the best-informed mention of the same name decides for all ("Paris, Texas ... Paris")
        for j in groups[name_of(t)]:
            if j == i or not scored_all[j] or scored_all[j][0][0] <= best_score + 0.2:
                continue
            other = scored_all[j][0][1]
            mine_entry = next((e for e in scored if e[1].id == other.id), None)
            if mine_entry is not None and mine_entry[1].id != cand.id:
                best_score, cand = max(mine_entry[0], t.abstain), mine_entry[1]
                why = [*mine_entry[2], "same name resolved elsewhere in the document"]
                scored = [(best_score, cand, why), *[e for e in scored if e[1].id != cand.id]]
        if best_score < t.abstain:
            results.append(None)
            continue
        rule = f"gazetteer {t.source}: " + "; ".join(why) + f"; score {best_score:.2f}"
        if len(scored) > 1:
            rule += f" over {scored[1][1].name} ({scored[1][1].country}, {scored[1][0]:.2f})"
        results.append(Resolution(cand, best_score, _confidence(scored), rule))
    return results


def name_of(t: Toponym) -> str:
    """The name part of a toponym's key (the key is "<entity>|<folded name>")."""
    return t.key.rsplit("|", 1)[-1]


def population_baseline(candidates: list[Candidate]) -> Candidate | None:
    """The most populous candidate (the usual baseline geoparser)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.population, -c.id))
