"""Where the event of a short conflict-event report happened (``eval/data/event_places.yaml``).

Each report is analysed as its own document; its **first event** (in text order) is scored by
its `place` against the report's gold place. The gold is a place (name, ISO alpha-3 country,
optional admin1 name, level), never a coordinate: the gold point is the gazetteer entry that
matches it (`gold_point`); a report whose gold place has no such entry is counted apart
("gold not in gazetteer") and left out of the distance measures.

Measures, over the reports of a part:

* recall: the share of reports whose first event has a place (a report with no event counts
  as without a place);
* Acc@25km and Acc@161km: the share of the reports with a gold point whose event place lies
  that close to it (no place counts as wrong);
* country accuracy: the share of reports whose event place is in the gold country.

A report is held out when the hash of its id falls in fold 0 of 5 (`events.held_out`, as for
the events eval): the held-out part's figures are printed, its reports are never listed as
errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from dossier.eval.events import held_out
from dossier.knowledge.gazetteer import Candidate, Gazetteer, haversine_km

EVENT_PLACES_FILE = Path(__file__).parent / "data" / "event_places.yaml"
NEAR_KM = 25.0
ACC_KM = 161.0

Level = Literal["town", "village", "district", "province", "country"]

# the gazetteer codes a gold level may match, best first
_LEVEL_FCODES: dict[str, tuple[str, ...]] = {
    "town": ("PPLC", "PPLA", "PPL"),
    "village": ("PPL", "PPLA", "PPLC"),
    "district": ("ADM2", "OTHER"),
    "province": ("ADM1", "RGN", "OTHER"),
    "country": ("PCLI",),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldPlace(_Strict):
    name: str = Field(min_length=1)
    also: list[str] = Field(default_factory=list)  # other usual spellings of the name
    country: str = Field(pattern=r"^[A-Z]{3}$")
    admin1: str | None = None
    level: Level = "town"


class EventPlaceReport(_Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=3)
    place: GoldPlace


class EventPlaceFile(_Strict):
    reports: list[EventPlaceReport]


def read_event_places(path: Path = EVENT_PLACES_FILE) -> list[EventPlaceReport]:
    """The reports of `path`, validated (unique ids)."""
    data = EventPlaceFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    seen: set[str] = set()
    for rep in data.reports:
        if rep.id in seen:
            raise ValueError(f"{path}: duplicate report id {rep.id!r}")
        seen.add(rep.id)
    return data.reports


def gold_point(gz: Gazetteer, gold: GoldPlace) -> Candidate | None:
    """The gazetteer entry of the gold place: its name (or another spelling of it, `also`) in
    its country, of its level (the codes of `_LEVEL_FCODES`, best first), in its admin1 when
    one is given; the own name before an alternate one, then the most populous. None when no
    entry matches."""
    codes = _LEVEL_FCODES[gold.level]
    found = [
        c
        for name in (gold.name, *gold.also)
        for c in gz.lookup(name)
        if c.country == gold.country and c.fcode in codes
    ]
    if gold.admin1:
        admin1 = {
            c.admin1
            for c in gz.lookup(gold.admin1)
            if c.country == gold.country and c.fcode == "ADM1" and c.admin1
        }
        found = [c for c in found if c.admin1 in admin1]
    if not found:
        return None
    quality = {"name": 0, "alt": 1, "bare": 2}
    return min(found, key=lambda c: (codes.index(c.fcode), quality.get(c.match, 3), -c.population))


@dataclass(frozen=True)
class EventPlace:
    """The place of a report's first event (None: no event, or an event without a place)."""

    name: str
    country: str | None
    lat: float
    lon: float
    basis: str | None = None


@dataclass
class EventPlaceScores:
    reports: int = 0
    no_event: int = 0  # reports in which no event was found
    placed: int = 0  # reports whose first event has a place
    gold_not_in_gazetteer: int = 0
    scored: int = 0  # reports with a gold point
    within_25: int = 0
    within_161: int = 0
    country_ok: int = 0
    basis: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        def share(n: int, d: int) -> float:
            return round(n / d, 4) if d else 0.0

        out = asdict(self)
        out.pop("errors")
        return out | {
            "recall": share(self.placed, self.reports),
            "acc25": share(self.within_25, self.scored),
            "acc161": share(self.within_161, self.scored),
            "country_accuracy": share(self.country_ok, self.reports),
        }


def score_event_places(
    reports: Sequence[EventPlaceReport],
    predicted: Sequence[EventPlace | None],
    gold_points: Sequence[Candidate | None],
    no_event: Sequence[bool] | None = None,
) -> EventPlaceScores:
    """Score the first-event places `predicted` against the reports' gold points (same
    order). `no_event` says which reports had no event at all (counted apart)."""
    s = EventPlaceScores()
    flags = list(no_event) if no_event is not None else [False] * len(reports)
    for rep, pred, gold, empty in zip(reports, predicted, gold_points, flags, strict=True):
        s.reports += 1
        s.no_event += empty
        if pred is not None:
            s.placed += 1
            key = pred.basis or "?"
            s.basis[key] = s.basis.get(key, 0) + 1
        country_ok = pred is not None and pred.country == rep.place.country
        s.country_ok += country_ok
        if gold is None:
            s.gold_not_in_gazetteer += 1
            continue
        s.scored += 1
        km = haversine_km(gold.lat, gold.lon, pred.lat, pred.lon) if pred is not None else None
        s.within_25 += km is not None and km <= NEAR_KM
        s.within_161 += km is not None and km <= ACC_KM
        if km is None or km > NEAR_KM:
            s.errors.append(
                {
                    "id": rep.id,
                    "gold": rep.place.name,
                    "predicted": pred.name if pred is not None else None,
                    "basis": pred.basis if pred is not None else None,
                    "km": round(km) if km is not None else None,
                }
            )
    return s


def first_event_place(record: Any) -> tuple[EventPlace | None, bool]:
    """The place of the first event of an analysis record (in text order), and whether the
    record has no event at all."""
    events = sorted(record.events, key=lambda e: (e.trigger.start, e.trigger.end))
    if not events:
        return None, True
    ev = events[0]
    places = {p.id: p for p in record.places}
    place = places.get(ev.place) if ev.place else None
    if place is None:
        return None, False
    return EventPlace(place.name, place.country, place.lat, place.lon, ev.place_basis), False


def run_reports(texts: Sequence[str]) -> list[tuple[EventPlace | None, bool]]:
    """Analyse each report as its own document: its first event's place, and whether it has
    no event."""
    from dossier.analyzer import Analyzer

    analyzer = Analyzer()
    return [first_event_place(analyzer.analyze(t, published="2024-01-01")) for t in texts]


Runner = Callable[[Sequence[str]], list[tuple[EventPlace | None, bool]]]


def report_batches(paths: Sequence[Path] | None = None) -> list[tuple[str, list[EventPlaceReport]]]:
    """The studied conflict-report batches (``conflict_reports*.yaml``, `held_out: false`)
    whose reports give a gold `place`: (file name, those reports) for each; a held-out batch
    never counts here."""
    from dossier.eval import conflict_reports as cr

    out: list[tuple[str, list[EventPlaceReport]]] = []
    for path in cr.BATCH_FILES if paths is None else paths:
        if not path.is_file():
            continue
        data = cr.read_report_file(path)
        if data.held_out:
            continue
        placed = [
            EventPlaceReport(id=r.id, text=r.text, place=r.place)
            for r in data.reports
            if r.place is not None
        ]
        if placed:
            out.append((path.name, placed))
    return out


def evaluate(
    path: Path = EVENT_PLACES_FILE,
    gz: Gazetteer | None = None,
    runner: Runner = run_reports,
    batches: Sequence[Path] | None = None,
) -> dict[str, Any]:
    """The studied part's and the held-out fold's figures, and the studied part's errors;
    each studied conflict-report batch with gold places (`report_batches(batches)`) as a
    studied row of its own (`out["batches"]`, errors in `out["batch_errors"]`)."""
    if gz is None:
        from dossier.knowledge.gazetteer import gazetteer

        gz = gazetteer()
    reports = read_event_places(path)
    extra = report_batches(batches)
    every = reports + [r for _, batch in extra for r in batch]
    gold = [gold_point(gz, r.place) for r in every]
    results = runner([r.text for r in every])
    out: dict[str, Any] = {"batches": {}, "batch_errors": []}
    at = len(reports)
    for name, batch in extra:
        k = len(batch)
        scored_batch = score_event_places(
            batch, [r[0] for r in results[at : at + k]], gold[at : at + k],
            [r[1] for r in results[at : at + k]],
        )  # fmt: skip
        at += k
        out["batches"][name] = scored_batch.figures()
        out["batch_errors"].extend(scored_batch.errors)
    for name, keep in (("studied", False), ("held-out", True)):
        idx = [i for i, r in enumerate(reports) if held_out(r.id) == keep]
        scored = score_event_places(
            [reports[i] for i in idx],
            [results[i][0] for i in idx],
            [gold[i] for i in idx],
            [results[i][1] for i in idx],
        )
        out[name] = scored.figures()
        if not keep:  # the held-out fold is never listed report by report
            out["studied_errors"] = scored.errors
    return out


def print_table(results: dict[str, Any], errors: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Event places (first event of each report; own reports, event_places.yaml)")
    cols = ("split", "reports", "no event", "gold not in gaz.", "recall", "acc@25", "acc@161",
            "country", "basis")  # fmt: skip
    for col in cols:
        table.add_column(col, justify="left" if col in ("split", "basis") else "right")
    rows = [
        ("studied" if split == "studied" else "held-out fold", results.get(split))
        for split in ("studied", "held-out")
    ] + [(f"studied batch {name}", f) for name, f in results.get("batches", {}).items()]
    for label, f in rows:
        if not f:
            continue
        basis = ", ".join(f"{k} {v}" for k, v in sorted(f["basis"].items()))
        table.add_row(
            label,
            str(f["reports"]),
            str(f["no_event"]),
            str(f["gold_not_in_gazetteer"]),
            f"{f['recall']:.3f}",
            f"{f['acc25']:.3f}",
            f"{f['acc161']:.3f}",
            f"{f['country_accuracy']:.3f}",
            basis,
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=140)
    console.print(table)
    if errors:
        for e in [*results.get("studied_errors", []), *results.get("batch_errors", [])]:
            console.print(
                f"  {e['id']}: gold {e['gold']}; predicted {e['predicted']} "
                f"({e['basis']}, {e['km']} km)"
            )
