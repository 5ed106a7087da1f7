"""Choosing the gazetteer entry that each place name of a document refers to.

A :class:`Toponym` gathers every mention of one name in a document with its gazetteer
candidates. :func:`resolve` scores each candidate with

* a size prior (log population) and a kind prior (country > continent > admin1 > capital > city),
* the quality of the name match (own name > alternate name > name variant > fuzzy match),
* containment: "Paris, Texas" and "Paris in Texas" keep candidates inside the container,
* coherence with the document: candidates in the countries the document talks about (its
  places, demonyms, actors), in the same first-level division (more when the division itself
  or several of its places are named), or near its other places; a province named like a
  country among other provinces of its country ("Georgia" beside "Ohio"),
* short forms: "Marin" beside "Marin County" is the county when no place of that name
  lies in the county's state,
* metonyms: a capital standing for its government ("Washington said") is the capital city,
  unless the document names other countries, one holding a sizeable place of that name, and
  never the capital's own ("Lebanon ... Tripoli said": the Lebanese city; not "Paris" in a US
  story),

then keeps the best one unless its score falls under the abstain threshold. The weights are
explained in ``rule`` strings so every decision can be inspected.

The weights and thresholds live in ``knowledge/data/geocoding_weights.yaml`` with their
provenance (hand-tuned on GeoWebNews dev; GeoVirus held out), validated by
:class:`dossier.rules.schemas.places.GeocodingWeights`.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from dossier.knowledge.gazetteer import Candidate, haversine_km, place_words
from dossier.knowledge.resources import load_yaml
from dossier.nlp.place_cues import CueKind, PlaceCue
from dossier.rules.schemas.places import GeocodingWeights

WEIGHTS_FILE = "geocoding_weights.yaml"
W = GeocodingWeights.model_validate(load_yaml(WEIGHTS_FILE))

KIND_PRIOR = W.kind_prior
MATCH_PENALTY: dict[str, float] = {str(k): v for k, v in W.match_penalty.items()}
CONTAINMENT_BONUS = W.containment_bonus
METONYM_BONUS = W.metonym_bonus
NEAR_KM = W.near_km
NEAR_DEG = NEAR_KM / 111.0 + 0.1  # latitude degrees: a cheap test before the distance
DEFAULT_ABSTAIN = W.default_abstain
NAMED_ABSTAIN = W.named_abstain
NAMED_SOURCES = ("entity", "ner", "misread", "embedded", "dateline")
ANCHOR_MAX_WEIGHT = W.anchor_max_weight
ANCHOR_MARGIN = W.anchor_margin  # a first-pass choice this far above the abstain bar is context
RELATIVE_SIZE_WEIGHT = W.relative_size_weight
SHADOWED_ALT_PENALTY = W.shadowed_alt_penalty
SAME_PROVINCE_BONUS = W.same_province_bonus
MORE_IN_PROVINCE_BONUS = W.more_in_province_bonus
PROVINCE_NAMED_BONUS = W.province_named_bonus  # more when the province itself is named
SIBLING_PROVINCE_BONUS = W.sibling_province_bonus  # "Georgia" among other US states


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
    cue: PlaceCue | None = None  # source "context": what around the name says it is a place


@dataclass
class Resolution:
    candidate: Candidate
    score: float
    confidence: float
    rule: str


COUNTY_SIZE = W.county_size  # the size of a county without a figure (a typical US county)


def size_prior(c: Candidate) -> float:
    population = max(c.population, COUNTY_SIZE) if c.fcode == "ADM2" else c.population
    return math.log10(population + 1) / W.size_divisor


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
        return (
            c.fcode not in ("PCLI", "CONT")
            and (haversine_km(c.lat, c.lon, container.lat, container.lon) < 1500)
            and (container.country is None or c.country == container.country)
        )
    return False


def _base(c: Candidate, t: Toponym, why: list[str] | None) -> float:
    score = (
        size_prior(c)
        + KIND_PRIOR.get(c.fcode, 0.0)
        + MATCH_PENALTY.get(c.match, W.unknown_match_penalty)
    )
    if why is not None:
        why.append(f"prior {score:.2f} ({c.fcode}, pop {c.population}, {c.match} match)")
    if t.fuzzy:
        score += MATCH_PENALTY["fuzzy"]
        if why is not None:
            why.append("fuzzy name")
    if t.metonym_country and c.country == t.metonym_country and c.fcode == "PPLC":
        score += METONYM_BONUS
        if why is not None:
            why.append("capital standing for its government")
    return score


def _city_named_like_province(
    c: Candidate, cands: list[Candidate], has_country: bool | None = None
) -> Candidate | None:
    """The province a city in it shares its name with ("New York", "Tehran"), or None: a
    city holding a share of the province's people, or a town of `loose_min_population` people
    or more under its own name (issue 13: "Tillabéri"; news names the province with its
    word, "Tillabéri region", which the lookup reads as the division)."""
    if c.fcode not in ("PPL", "PPLC", "PPLA"):
        return None
    if c.match != "name" and c.population < W.city_like_province_min_population:
        return None
    if has_country if has_country is not None else any(a.fcode == "PCLI" for a in cands):
        return None  # "Mexico" is the country
    for a in cands:
        if (
            a.fcode == "ADM1"
            and a.country == c.country
            and a.admin1 == c.admin1
            and (
                c.population >= W.city_like_province_share * max(a.population, 1)
                or (c.match == "name" and c.population >= W.loose_min_population)
            )
        ):
            return a
    return None


MAX_NEIGHBOUR_CANDIDATES = W.max_neighbour_candidates
NEIGHBOUR_KM = W.neighbour_km


def neighbours(toponyms: list[Toponym]) -> dict[tuple[int, int], int]:
    """For each (toponym index, candidate id): how many other names of the document have a
    candidate within NEIGHBOUR_KM (towns named together are usually near each other)."""
    points: list[list[Candidate]] = []
    for t in toponyms:
        cands = [c for c in t.candidates if c.fcode not in ("PCLI", "CONT", "RGN", "ADM1")]
        cands.sort(key=lambda c: -c.population)
        points.append(cands[:MAX_NEIGHBOUR_CANDIDATES])
    keys = [t.key for t in toponyms]
    # every point of every name, by latitude: a candidate looks only at the points within
    # two degrees of latitude (the box below), found by bisection
    flat = sorted((o.lat, o.lon, j) for j, cands in enumerate(points) for o in cands)
    lats = [p[0] for p in flat]
    counts: dict[tuple[int, int], int] = {}
    for i, cands in enumerate(points):
        if len({c.country for c in cands}) < 2 and len(cands) < 2:
            continue  # unambiguous: nothing to decide
        key = keys[i]
        for c in cands:
            lat, lon = c.lat, c.lon
            # a box around the candidate first (cheap), then the distance
            dlon = NEIGHBOUR_KM / (111.0 * max(0.05, math.cos(math.radians(lat)))) + 0.1
            near: set[int] = set()
            for k in range(bisect_left(lats, lat - 2.5), bisect_right(lats, lat + 2.5)):
                olat, olon, j = flat[k]
                if j == i or j in near or keys[j] == key:
                    continue
                if (
                    abs(olat - lat) < 2
                    and (abs(olon - lon) < dlon or abs(olon - lon) > 360 - dlon)
                    and haversine_km(lat, lon, olat, olon) < NEIGHBOUR_KM
                ):
                    near.add(j)
            if near:
                counts[(i, c.id)] = len(near)
    return counts


class _Context:
    """What scoring a toponym's candidates needs from the document, computed once."""

    __slots__ = (
        "anchors",
        "countries",
        "has_country",
        "has_name",
        "metonym_doubt",
        "name_countries",
        "near",
        "provinces",
        "top_size",
        "total",
    )

    def __init__(
        self,
        t: Toponym,
        countries: Counter[str],
        anchors: list[Candidate],
        near: dict[int, int] | None,
    ) -> None:
        self.countries = countries
        self.total = sum(countries.values()) or 1
        self.anchors = [a for a in anchors if a.fcode not in ("PCLI", "CONT")]
        self.near = near or {}
        self.top_size = max((c.population for c in t.candidates), default=0)
        self.has_country = any(c.fcode == "PCLI" for c in t.candidates)
        # the countries the name itself names ("Mexico": MEX)
        self.name_countries = {c.country for c in t.candidates if c.fcode == "PCLI"}
        self.provinces = [c for c in t.candidates if c.fcode == "ADM1"]
        self.has_name = any(c.match == "name" for c in t.candidates)
        # a capital read as its government ("Tripoli said") when the document names other
        # countries, among them one where a place of this name lies, and never the capital's
        # own: the name is that country's place ("Lebanon ... Tripoli")
        # a namesake far smaller than the capital does not ("Paris" in a US story)
        capital = max(
            (c.population for c in t.candidates if c.country == t.metonym_country), default=0
        )
        self.metonym_doubt = (
            t.metonym_country
            if t.metonym_country
            and not countries.get(t.metonym_country)
            and any(
                c.country in countries and c.population >= W.metonym_doubt_min_share * capital
                for c in t.candidates
                if c.country != t.metonym_country
            )
            else None
        )


def _score(c: Candidate, t: Toponym, ctx: _Context, why: list[str] | None) -> float:
    """One candidate's score; its reasons go to `why` when given."""
    return _static_score(c, t, ctx, why) + _context_score(c, ctx, why)


def _static_score(c: Candidate, t: Toponym, ctx: _Context, why: list[str] | None) -> float:
    """The part of a candidate's score that does not depend on the rest of the document."""
    score = _base(c, t, why)
    if c.match != "name" and ctx.has_name and c.fcode in ("PPL", "PPLA", "PPLC", "ADM2"):
        score += SHADOWED_ALT_PENALTY  # "Springdale" is Springdale, not another town's former name
        if why is not None:
            why.append("another place has this very name")
    province = (
        _city_named_like_province(c, ctx.provinces, ctx.has_country) if ctx.provinces else None
    )
    # a town under its own name named like its province is lifted to the province's score
    lifted = province is not None and c.match == "name"
    if c.population < ctx.top_size and not (
        province is not None and lifted and province.population >= ctx.top_size
    ):
        # a town far smaller than the name's best-known bearer needs context to win (its
        # own province does not count: it is the town's namesake, taken up below)
        rel = max(W.relative_size_floor, math.log10((c.population + 1) / (ctx.top_size + 1)))
        score += RELATIVE_SIZE_WEIGHT * rel
    if province is not None:
        # the province's kind prior; a town far smaller than its province scores as the
        # province does (issue 13), and a little over it
        score += KIND_PRIOR["ADM1"] + W.city_named_like_province
        if lifted:
            score = max(score, _base(province, t, None) + W.city_named_like_province)
        if why is not None:
            why.append("city named like its province")
    if t.containers and any(any(inside(c, y) for y in group) for group in t.containers):
        score += CONTAINMENT_BONUS
        if why is not None:
            why.append("inside the named container")
    return score


def _context_score(c: Candidate, ctx: _Context, why: list[str] | None) -> float:
    """Coherence with the document: its countries, its other places."""
    score = 0.0
    if ctx.metonym_doubt and c.fcode == "PPLC" and c.country == ctx.metonym_doubt:
        score -= METONYM_BONUS
        if why is not None:
            why.append("no government reading: its country is not among the document's")
    if c.country and c.fcode != "PCLI":
        n = ctx.countries.get(c.country)
        if n:
            dc = W.document_country
            bonus = dc.per_mention * min(1.0, n / dc.full_at_mentions) + dc.share * n / ctx.total
            score += bonus
            if why is not None:
                why.append(f"document country {c.country} (+{bonus:.2f})")
    if c.fcode not in ("PCLI", "CONT") and ctx.anchors:
        cid = c.id
        if c.admin1 and any(
            a.admin1 == c.admin1 and a.country == c.country and a.id != cid for a in ctx.anchors
        ):
            bonus = SAME_PROVINCE_BONUS
            n_same = len(
                {
                    a.id
                    for a in ctx.anchors
                    if a.admin1 == c.admin1 and a.country == c.country and a.id != cid
                }
            )
            bonus += MORE_IN_PROVINCE_BONUS * min(2, n_same - 1)  # each further place, twice
            if c.fcode != "ADM1" and any(
                a.fcode == "ADM1" and a.admin1 == c.admin1 and a.country == c.country
                for a in ctx.anchors
            ):
                bonus += PROVINCE_NAMED_BONUS
            score += bonus
            if why is not None:
                why.append(f"same province as other places (+{bonus:.2f})")
        elif (
            c.fcode == "ADM1"
            and ctx.has_country
            # "Georgia" beside "Ohio" is the state; "Mexico" after "Oaxaca" names the country
            # that holds it, not its namesake state
            and c.country not in ctx.name_countries
            and any(
                a.fcode == "ADM1" and a.country == c.country and a.id != cid for a in ctx.anchors
            )
        ):
            # a province named like a country, in a list of the provinces of its country
            score += SIBLING_PROVINCE_BONUS
            if why is not None:
                why.append("named with other provinces of its country")
        elif any(
            abs(a.lat - c.lat) < NEAR_DEG
            and a.id != cid
            and haversine_km(c.lat, c.lon, a.lat, a.lon) < NEAR_KM
            for a in ctx.anchors
        ):
            score += W.near_other_place_bonus
            if why is not None:
                why.append("near other places")
    n_near = ctx.near.get(c.id)
    if n_near:
        bonus = W.near_named_places.per_place * min(W.near_named_places.at_most, n_near)
        score += bonus
        if why is not None:
            why.append(f"near {n_near} other named places (+{bonus:.2f})")
    return score


def score_candidates(
    t: Toponym,
    countries: Counter[str],
    anchors: list[Candidate],
    near: dict[int, int] | None = None,
    explain: bool = True,
    ctx: _Context | None = None,
) -> list[tuple[float, Candidate, list[str]]]:
    """Every candidate of `t` with its score and (with `explain`) the reasons, best first."""
    if ctx is None:
        ctx = _Context(t, countries, anchors, near)
    scored: list[tuple[float, Candidate, list[str]]] = []
    for c in t.candidates:
        why: list[str] | None = [] if explain else None
        scored.append((_score(c, t, ctx, why), c, why or []))
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
        scored = score_candidates(t, countries, [], explain=False) if t.candidates else []
        first.append((scored[0][0], scored[0][1]) if scored else None)
    anchors: list[Candidate] = []
    doc_countries = Counter(countries)
    own: list[Candidate | None] = []  # each toponym's own first-pass choice
    weight: list[int] = []  # a name counts once or twice, however often it is repeated
    for t, best in zip(toponyms, first, strict=True):
        weight.append(min(len(t.spans), ANCHOR_MAX_WEIGHT))
        if (
            best is None
            or best[0] < t.abstain + ANCHOR_MARGIN
            or (t.source == "context" and _small_town(best[1]))
        ):  # a small town read from context alone is no context for the others
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
    close: dict[int, dict[int, int]] = defaultdict(dict)
    for (k, cid), n in neighbours(toponyms).items():
        close[k][cid] = n
    scored_all: list[list[tuple[float, Candidate, list[str]]]] = []
    contexts: list[_Context | None] = []
    for i, t in enumerate(toponyms):
        if not t.candidates:
            scored_all.append([])
            contexts.append(None)
            continue
        near = close.get(i)
        # the document's context without the first guesses for this very name (no
        # self-confirmation, even when the name is split over several toponyms)
        context = doc_countries
        others = anchors
        mine = [(own[j], weight[j]) for j in groups[name_of(t)] if own[j] is not None]
        if mine:
            minus: dict[str, int] = {}
            for guess, w in mine:
                if guess is not None and guess.country:
                    minus[guess.country] = minus.get(guess.country, 0) + w
            context = Counter(
                {k: v - minus.get(k, 0) for k, v in doc_countries.items() if v > minus.get(k, 0)}
            )
            ids = {id(guess) for guess, _ in mine}
            others = [a for a in anchors if id(a) not in ids]
        if t.source == "context":
            t = replace(t, candidates=supported_candidates(t, context, near))
            if not t.candidates:
                scored_all.append([])
                contexts.append(None)
                continue
        ctx = _Context(t, context, others, near)
        scored_all.append(score_candidates(t, context, others, near, explain=False, ctx=ctx))
        contexts.append(ctx)
    results: list[Resolution | None] = []
    for i, t in enumerate(toponyms):
        scored = scored_all[i]
        if not scored:
            results.append(None)
            continue
        best_score, cand, _ = scored[0]
        why: list[str] = []
        # the best-informed mention of the same name decides for all ("Paris, Texas ... Paris")
        for j in groups[name_of(t)]:
            if (
                j == i
                or not scored_all[j]
                or scored_all[j][0][0] <= best_score + W.same_name_margin
            ):
                continue
            other = scored_all[j][0][1]
            mine_entry = next((e for e in scored if e[1].id == other.id), None)
            if mine_entry is not None and mine_entry[1].id != cand.id:
                best_score, cand = max(mine_entry[0], t.abstain), mine_entry[1]
                why = ["same name resolved elsewhere in the document"]
                scored = [(best_score, cand, why), *[e for e in scored if e[1].id != cand.id]]
        county = _county_of(name_of(t), groups, scored_all, toponyms)
        if county is not None and not any(
            e[1].country == county[1].country and e[1].admin1 == county[1].admin1 for e in scored
        ):
            # "the Marin Courier" beside "Marin County": the county, when no place of this
            # name lies in its state
            best_score, cand = max(county[0], t.abstain), county[1]
            why = ["short for a county named in the document"]
            scored = [(best_score, cand, why), *[e for e in scored if e[1].id != cand.id]]
        abstain = t.abstain
        context_i = contexts[i]
        if (
            t.source == "context"
            and context_i is not None
            and not supported(cand, t, context_i.countries, context_i.near)
            and not _sole_town(cand, t)
        ):
            abstain = max(abstain, W.gazetteer_abstain)  # the context alone: a big place's bar
        if best_score < abstain and not (
            (t.source in NAMED_SOURCES or _named_where(t))
            and not t.fuzzy
            and ((best_score >= NAMED_ABSTAIN and cand.match == "name") or _sole_town(cand, t))
        ):
            # a name NER reads as a place and the gazetteer has under its own name is taken
            # even when it is a small town; other names need a better case
            results.append(None)
            continue
        reasons: list[str] = []
        if context_i is not None:
            _score(cand, t, context_i, reasons)
        reasons.extend(why)
        source = t.source if t.cue is None else f"{t.source} ({t.cue.text})"
        rule = f"gazetteer {source}: " + "; ".join(reasons) + f"; score {best_score:.2f}"
        if len(scored) > 1:
            rule += f" over {scored[1][1].name} ({scored[1][1].country}, {scored[1][0]:.2f})"
        results.append(Resolution(cand, best_score, _confidence(scored), rule))
    return results


def _sole_town(c: Candidate, t: Toponym) -> bool:
    """The only place the gazetteer has under this name, a town of `gazetteer_min_city`
    people or more, under its own name ("in Novi Sad", read as a place by its context) or
    under an alternate one that NER reads as a place ("Misrata"), or a town of
    `loose_min_population` or more under its very own name after "in" or "near" ("in
    Dori"): it needs no more support from the document (issue 13)."""
    if c.fcode not in ("PPL", "PPLA", "PPLC") or not (
        len(t.candidates) == 1 or _only_own_name(c, t)
    ):
        return False
    if t.source == "context" and t.cue is not None and t.cue.kind is CueKind.LISTED:
        return False  # a list is a weaker cue than "in X" or "the town of X"
    if c.population < W.gazetteer_min_city:
        # a small town needs the document behind it ("from God" is no Göd), unless its own
        # name, written as the gazetteer writes it ("in God" is still no Göd), stands where
        # something happens ("in X", "near X": `static_prepositions`; issue 13, wave 7)
        return (
            c.match == "name"
            and c.name == t.surface
            and c.population >= W.loose_min_population
            and t.cue is not None
            and t.cue.kind is CueKind.PREPOSITION
            and t.cue.word in place_words("static_prepositions")
        )
    if c.match == "alt":
        # an alternate name only for a name NER itself tags as a place (GeoNames' alternate
        # names hold old and foreign names and words: "Modern" is Modra's German name), a
        # hyphenated name, a romanized one written with its particles ("Mazar-i-Sharif"), or
        # a name NER tags as a person or organisation that stands where something happens
        # ("in X", "outside X": a proper name, not a common word; wave 9b)
        return (
            (t.source in ("entity", "ner") and not t.surface.isupper())
            or (t.cue is not None and t.cue.kind is CueKind.HYPHENATED)
            or (len(t.candidates) == 1 and _named_where(t) and not t.surface.isupper())
        )
    return c.match == "name"


def _named_where(t: Toponym) -> bool:
    """A name NER tagged as a person, organisation or group (the entity layer keeps it as an
    entity) read as a place after a preposition of where something is (`static_prepositions`)."""
    return (
        t.source == "context"
        and t.entity is not None
        and t.cue is not None
        and t.cue.kind is CueKind.PREPOSITION
        and t.cue.word in place_words("static_prepositions")
    )


def _only_own_name(c: Candidate, t: Toponym) -> bool:
    """Whether `c` is the only place the gazetteer has under this very name, a town of
    `gazetteer_min_city` people or more, the others bearing it only as an alternate name
    ("Odesa" is Ukraine's city; a small American town lists the spelling among its other
    names; wave 9b)."""
    return (
        c.match == "name"
        and c.name == t.surface
        and c.population >= W.gazetteer_min_city
        and not any(o.match == "name" for o in t.candidates if o is not c)
    )


def _small_town(c: Candidate) -> bool:
    """A populated place under the size a name NER missed must have to stand on its own."""
    return c.fcode in ("PPL", "PPLA", "ADM2") and c.population < W.gazetteer_min_city


def supported(
    c: Candidate, t: Toponym, countries: Counter[str], near: dict[int, int] | None
) -> bool:
    """Whether the rest of the document supports a candidate: its country is one the
    document names (or whose places or actors it names), a named container holds it, or
    other named places lie near it."""
    return (
        (c.country is not None and countries.get(c.country, 0) > 0)
        or (near is not None and near.get(c.id, 0) > 0)
        or any(inside(c, y) for group in t.containers for y in group)
    )


def supported_candidates(
    t: Toponym, countries: Counter[str], near: dict[int, int] | None
) -> list[Candidate]:
    """The candidates of a name read as a place from its context alone (source "context"):
    a small town only where the document supports it; bigger places and divisions are kept
    (and need the bar of a name NER missed, `gazetteer_abstain`, unless supported)."""
    return [
        c
        for c in t.candidates
        if not _small_town(c) or supported(c, t, countries, near) or _sole_town(c, t)
    ]


def _county_of(
    name: str,
    groups: dict[str, list[int]],
    scored_all: list[list[tuple[float, Candidate, list[str]]]],
    toponyms: list[Toponym],
) -> tuple[float, Candidate] | None:
    """The county the document names as "<name> County", with its score, if it resolved."""
    for word in sorted(place_words("county_words")):
        for j in groups.get(f"{name} {word}", ()):
            if (
                scored_all[j]
                and scored_all[j][0][1].fcode == "ADM2"
                and (scored_all[j][0][0] >= toponyms[j].abstain)
            ):
                return scored_all[j][0][0], scored_all[j][0][1]
    return None


def name_of(t: Toponym) -> str:
    """The name part of a toponym's key (the key is "<entity>|<folded name>")."""
    return t.key.rsplit("|", 1)[-1]


def population_baseline(candidates: list[Candidate]) -> Candidate | None:
    """The most populous candidate (the usual baseline geoparser)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.population, -c.id))
