"""The project's own conflict-news regression set (``eval/data/conflict_reports.yaml``).

Each report is coded as its own document. Scored per report, with the same notion of a
real event as the PLOVER row (not negated, not hypothetical, confidence >= 0.5):

- type precision/recall/F1 over (report, type) pairs: a gold type found is a hit, a gold type
  missed a miss, a predicted type neither gold nor `also_ok` a false positive;
- clean share: the share of reports whose predicted types are all gold or `also_ok` (a report
  with no gold type is clean when nothing is coded);
- source/target sector and country accuracy: for reports whose first gold type was found,
  whether that event's first source (target) entity has an acceptable sector (country).

The held-out fold is chosen by the hash of the report id (`events.held_out`), like the PLOVER
half's; `--errors` lists studied reports only. Further batches of reports (`BATCH_FILES`) are
scored each as its own row. A batch whose file says ``held_out: true`` is held out whole: its
figures only, never listed report by report (batch 2, ``conflict_reports_heldout2.yaml``, and
batch 3, ``conflict_reports_heldout3.yaml``, written in the sixth wave; batch 4,
``conflict_reports_heldout4.yaml``, written in the seventh wave, hard on the actors);
one that says ``held_out: false`` has been studied and its errors are listed with the
regression set's (batch 1, ``conflict_reports_heldout.yaml``: held out for two rounds, then
studied once batch 2 replaced it; batch 5, ``conflict_reports_5.yaml``, written and annotated
blind in the ninth wave as the part a wave studies). A report may give its event's gold
`place` (as in ``event_places.yaml``); `dossier eval places --only event-places` scores it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from dossier.eval.event_places import GoldPlace
from dossier.eval.events import Accuracy, Counts, Prediction, held_out

REPORTS_FILE = Path(__file__).parent / "data" / "conflict_reports.yaml"
HELDOUT_FILE = Path(__file__).parent / "data" / "conflict_reports_heldout.yaml"  # batch 1
HELDOUT2_FILE = Path(__file__).parent / "data" / "conflict_reports_heldout2.yaml"  # batch 2
HELDOUT3_FILE = Path(__file__).parent / "data" / "conflict_reports_heldout3.yaml"  # batch 3
HELDOUT4_FILE = Path(__file__).parent / "data" / "conflict_reports_heldout4.yaml"  # batch 4
BATCH5_FILE = Path(__file__).parent / "data" / "conflict_reports_5.yaml"  # batch 5, studied
BATCH_FILES: tuple[Path, ...] = (
    HELDOUT_FILE,
    HELDOUT2_FILE,
    HELDOUT3_FILE,
    HELDOUT4_FILE,
    BATCH5_FILE,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldActor(_Strict):
    sector: list[str] = Field(default_factory=list)  # any of these
    country: list[str] = Field(default_factory=list)

    @field_validator("sector", "country", mode="before")
    @classmethod
    def _listed(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Report(_Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=3)
    types: list[str]
    also_ok: list[str] = Field(default_factory=list)
    source: GoldActor | None = None
    target: GoldActor | None = None
    place: GoldPlace | None = None  # where the event happened (scored by eval places)


class ReportFile(_Strict):
    held_out: bool = False  # the whole file is held out: aggregate figures only
    reports: list[Report]


def read_report_file(path: Path) -> ReportFile:
    """The report file at `path`, validated (unique ids, known PLOVER types)."""
    from dossier.knowledge.ontology import ontology

    data = ReportFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    seen: set[str] = set()
    onto = ontology()
    for rep in data.reports:
        if rep.id in seen:
            raise ValueError(f"{path}: duplicate report id {rep.id!r}")
        seen.add(rep.id)
        for t in [*rep.types, *rep.also_ok]:
            if not onto.is_type(t):
                raise ValueError(f"{path}: report {rep.id}: unknown PLOVER type {t!r}")
    return data


def read_reports(path: Path = REPORTS_FILE) -> list[Report]:
    """The reports of `path`, validated (unique ids, known PLOVER types)."""
    return read_report_file(path).reports


@dataclass
class ReportsResult:
    types: Counts = field(default_factory=Counts)
    clean: Accuracy = field(default_factory=Accuracy)
    source_sector: Accuracy = field(default_factory=Accuracy)
    target_sector: Accuracy = field(default_factory=Accuracy)
    source_country: Accuracy = field(default_factory=Accuracy)
    target_country: Accuracy = field(default_factory=Accuracy)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self.types.prf()
        return {
            "types": {"precision": p, "recall": r, "f1": f, **self.types.__dict__},
            "clean_share": {"value": self.clean.value, "n": self.clean.total},
            **{
                key: {"value": acc.value, "n": acc.total}
                for key, acc in (
                    ("source_sector_accuracy", self.source_sector),
                    ("target_sector_accuracy", self.target_sector),
                    ("source_country_accuracy", self.source_country),
                    ("target_country_accuracy", self.target_country),
                )
            },
        }


def score_reports(
    reports: list[Report], predictions: list[Prediction], sectors: list[dict[str, str | None]]
) -> ReportsResult:
    """Score `predictions` (with each entity's sector in `sectors`) against `reports`."""
    result = ReportsResult()
    for rep, pred, sector_of in zip(reports, predictions, sectors, strict=True):
        real = pred.real()
        predicted = {e.type for e in real}
        gold = set(rep.types)
        ok = gold | set(rep.also_ok)
        result.types.tp += len(predicted & gold)
        result.types.fn += len(gold - predicted)
        result.types.fp += len(predicted - ok)
        result.clean.add(predicted <= ok)
        wrong: list[str] = []
        if rep.types and rep.types[0] in predicted:
            matching = [e for e in real if e.type == rep.types[0]]
            ev = max(matching, key=lambda e: (bool(e.source) + bool(e.target), e.confidence))
            for role, actor, ids, sec_acc, cty_acc in (
                ("source", rep.source, ev.source, result.source_sector, result.source_country),
                ("target", rep.target, ev.target, result.target_sector, result.target_country),
            ):
                if actor is None:
                    continue
                if actor.sector:
                    got = next((s for s in (sector_of.get(i) for i in ids) if s), None)
                    sec_acc.add(got in actor.sector)
                    if got not in actor.sector:
                        wrong.append(f"{role} sector {got} (gold {'/'.join(actor.sector)})")
                if actor.country:
                    countries = pred.country_of(ids)
                    good = bool(countries) and countries[0] in actor.country
                    cty_acc.add(good)
                    if not good:
                        wrong.append(f"{role} country {countries[:1]} (gold {actor.country})")
        if predicted - ok or gold - predicted or wrong:
            result.errors.append(
                {
                    "id": rep.id,
                    "text": rep.text,
                    "gold": sorted(gold),
                    "also_ok": sorted(rep.also_ok),
                    "predicted": sorted(predicted),
                    "actors": wrong,
                    "events": [f"{e.type} {e.trigger.text!r} {e.rule}" for e in pred.events],
                }
            )
    return result


def run_reports(texts: list[str]) -> tuple[list[Prediction], list[dict[str, str | None]]]:
    """Analyse each report as its own document: the predictions and each entity's sector."""
    from dossier.analyzer import Analyzer
    from dossier.eval.events import prediction_of

    analyzer = Analyzer()
    preds: list[Prediction] = []
    sectors: list[dict[str, str | None]] = []
    for text in texts:
        record = analyzer.analyze(text, published="2026-12-01")
        pred = prediction_of(record)
        pred.failed = record.status == "failed"
        preds.append(pred)
        sectors.append({e.id: e.sector for e in record.entities})
    return preds, sectors


Runner = Callable[[list[str]], tuple[list[Prediction], list[dict[str, str | None]]]]


def evaluate_reports(
    path: Path = REPORTS_FILE,
    runner: Runner = run_reports,
    batches: Sequence[Path] = BATCH_FILES,
) -> dict[str, Any]:
    """All reports of `path`, its studied part and held-out fold, and each batch of `batches`
    as its own row (`out["batches"]`, in order, numbered from 1). A batch whose file says
    `held_out: true` gives aggregates only; the errors of the studied part and of the studied
    batches are listed (`out["errors"]`)."""
    reports = read_reports(path)
    seen = {r.id: path for r in reports}
    loaded: list[tuple[Path, ReportFile]] = []
    for batch_path in batches:
        if not batch_path.is_file():
            continue
        data = read_report_file(batch_path)
        clash = sorted(r.id for r in data.reports if r.id in seen)
        if clash:
            raise ValueError(f"{batch_path}: report ids also in {seen[clash[0]]}: {clash}")
        seen.update({r.id: batch_path for r in data.reports})
        loaded.append((batch_path, data))
    texts = [r.text for r in reports] + [r.text for _, d in loaded for r in d.reports]
    preds, sectors = runner(texts)
    n = len(reports)
    out: dict[str, Any] = {
        "all": score_reports(reports, preds[:n], sectors[:n]).to_dict() | {"reports": n},
        "failed_analyses": sum(p.failed for p in preds),
        "batches": [],
    }
    batch_errors: list[dict[str, Any]] = []
    at = n
    for number, (batch_path, data) in enumerate(loaded, start=1):
        k = len(data.reports)
        scored_batch = score_reports(data.reports, preds[at : at + k], sectors[at : at + k])
        at += k
        out["batches"].append(
            scored_batch.to_dict()
            | {
                "batch": number,
                "file": batch_path.name,
                "held_out": data.held_out,
                "reports": k,
            }
        )
        if not data.held_out:  # held out whole: its figures only, never its errors
            batch_errors.extend(scored_batch.errors)
    preds, sectors = preds[:n], sectors[:n]
    for name, keep in (("studied", False), ("heldout", True)):
        idx = [i for i, r in enumerate(reports) if held_out(r.id) == keep]
        scored = score_reports(
            [reports[i] for i in idx], [preds[i] for i in idx], [sectors[i] for i in idx]
        )
        out[name] = scored.to_dict() | {"reports": len(idx)}
        if not keep:
            out["errors"] = scored.errors + batch_errors
    return out


def print_reports(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Conflict-news reports (eval/data/conflict_reports*.yaml)")
    for col in (
        "part",
        "n",
        "type P",
        "type R",
        "type F1",
        "clean",
        "src sector",
        "tgt sector",
        "src country",
        "tgt country",
    ):
        table.add_column(col, justify="left" if col == "part" else "right")
    parts = [
        (label, results[key])
        for key, label in (("all", "all"), ("studied", "studied"), ("heldout", "held-out fold"))
        if key in results
    ]
    for batch in results.get("batches", []):
        kind = "held out whole" if batch["held_out"] else "studied"
        parts.append((f"batch {batch['batch']} ({kind})", batch))
    for label, part in parts:
        t = part["types"]

        def acc(name: str, part: dict[str, Any] = part) -> str:
            return f"{part[name]['value']:.2f} ({part[name]['n']})"

        table.add_row(
            label,
            str(part["reports"]),
            f"{t['precision']:.2f}",
            f"{t['recall']:.2f}",
            f"{t['f1']:.2f}",
            acc("clean_share"),
            acc("source_sector_accuracy"),
            acc("target_sector_accuracy"),
            acc("source_country_accuracy"),
            acc("target_country_accuracy"),
        )
    Console().print(table)
    if results.get("failed_analyses"):
        Console().print(f"  failed analyses: {results['failed_analyses']}")
