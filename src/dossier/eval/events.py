"""``dossier eval events``: event coding against the PLOVER and PETRARCH-2 gold records.

PLOVER (``PLOVER_GSR_CAMEO.dev.json``): per sentence, the set of PLOVER types of the events
Dossier reports as real (not negated, not hypothetical) against the gold types (old labels
mapped: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT): micro
precision/recall/F1 and per type; for gold events whose type Dossier found in the sentence,
source- and target-country accuracy (Dossier's event of that type, its first source/target
entity with a country, against the gold actors' countries); no-event accuracy on sentences with
no gold event (none in this file; PETR-2 has some).

PETRARCH-2 (``PETR2_GSR_validation.xml``): per sentence with gold events, whether the CAMEO
root of Dossier's main event (highest confidence real event) is one of the gold roots; for
those that match, source/target country accuracy; no-event accuracy on ``noevents`` records.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from dossier.eval.plover_gold import GoldSentence, read_petr2, read_plover_gsr
from dossier.record import Event, Record

PLOVER_FILE = "PLOVER_GSR_CAMEO.dev.json"
PETR2_FILE = "PETR2_GSR_validation.xml"


@dataclass
class Prediction:
    """Dossier's events for one sentence, with each entity's country."""

    events: list[Event]
    countries: dict[str, str | None]
    min_confidence: float = 0.5
    failed: bool = False  # the analysis of this sentence failed

    def real(self) -> list[Event]:
        return [
            e
            for e in self.events
            if not e.negated and not e.hypothetical and e.confidence >= self.min_confidence
        ]

    def country_of(self, ids: list[str]) -> list[str]:
        return [c for c in (self.countries.get(i) for i in ids) if c]


def entity_country(country: str | None, actor_code: str | None) -> str | None:
    """The entity's country, else the international prefix of its actor code ("IGOUNO")."""
    if country:
        return country
    if actor_code and len(actor_code) >= 3 and actor_code[:3] != "---":
        return actor_code[:3]
    return None


def prediction_of(record: Record, min_confidence: float = 0.5) -> Prediction:
    return Prediction(
        events=list(record.events),
        countries={e.id: entity_country(e.country, e.actor_code) for e in record.entities},
        min_confidence=min_confidence,
    )


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class PloverResult:
    micro: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=dict)
    source: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    no_event: Accuracy = field(default_factory=Accuracy)
    errors: list[dict[str, Any]] = field(default_factory=list)
    country_errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self.micro.prf()
        return {
            "micro": {"precision": p, "recall": r, "f1": f, **self.micro.__dict__},
            "per_type": {
                t: dict(zip(("precision", "recall", "f1"), c.prf(), strict=True)) | c.__dict__
                for t, c in sorted(self.per_type.items())
            },
            "source_country_accuracy": {"value": self.source.value, "n": self.source.total},
            "target_country_accuracy": {"value": self.target.value, "n": self.target.total},
            "no_event_accuracy": {"value": self.no_event.value, "n": self.no_event.total},
        }


def _country_ok(predicted: list[str], gold: list[str]) -> bool:
    return bool(predicted) and predicted[0] in gold


def score_plover(gold: Iterable[GoldSentence], predictions: Iterable[Prediction]) -> PloverResult:
    result = PloverResult()
    for sent, pred in zip(gold, predictions, strict=True):
        real = pred.real()
        predicted = {e.type for e in real}
        gold_types = sent.types
        if not gold_types:
            result.no_event.add(not predicted)
        for t in predicted | gold_types:
            counts = result.per_type.setdefault(t, Counts())
            if t in predicted and t in gold_types:
                counts.tp += 1
                result.micro.tp += 1
            elif t in predicted:
                counts.fp += 1
                result.micro.fp += 1
            else:
                counts.fn += 1
                result.micro.fn += 1
        for type_, src, tgt in sent.events:
            matching = [e for e in real if e.type == type_]
            if not matching:
                continue
            ev = max(matching, key=lambda e: (bool(e.source) + bool(e.target), e.confidence))
            for role, gold_c, ids, acc in (
                ("source", src, ev.source, result.source),
                ("target", tgt, ev.target, result.target),
            ):
                if not gold_c:
                    continue
                ok = _country_ok(pred.country_of(ids), gold_c)
                acc.add(ok)
                if not ok:
                    result.country_errors.append(
                        {
                            "text": sent.text,
                            "role": role,
                            "type": type_,
                            "gold": gold_c,
                            "predicted": pred.country_of(ids),
                            "ids": ids,
                            "trigger": ev.trigger.text,
                            "rule": ev.rule,
                        }
                    )
        if predicted != gold_types:
            result.errors.append(
                {
                    "text": sent.text,
                    "gold": sorted(gold_types),
                    "predicted": sorted(predicted),
                    "events": [f"{e.type} {e.trigger.text!r} {e.rule}" for e in pred.events],
                }
            )
    return result


@dataclass
class PetrResult:
    root: Accuracy = field(default_factory=Accuracy)
    source: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    no_event: Accuracy = field(default_factory=Accuracy)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "root_accuracy": {"value": self.root.value, "n": self.root.total},
            "source_country_accuracy": {"value": self.source.value, "n": self.source.total},
            "target_country_accuracy": {"value": self.target.value, "n": self.target.total},
            "no_event_accuracy": {"value": self.no_event.value, "n": self.no_event.total},
            "confusion": {f"{g}->{p}": n for (g, p), n in self.confusion.most_common()},
        }


def main_event(pred: Prediction) -> Event | None:
    real = pred.real()
    if not real:
        return None
    return max(real, key=lambda e: (e.confidence, bool(e.source) + bool(e.target)))


def score_petr2(gold: Iterable[GoldSentence], predictions: Iterable[Prediction]) -> PetrResult:
    result = PetrResult()
    for sent, pred in zip(gold, predictions, strict=True):
        ev = main_event(pred)
        if not sent.events:
            result.no_event.add(ev is None)
            continue
        root = (ev.cameo or "")[:2] if ev is not None else "--"
        roots = {r for r, _, _ in sent.events}
        ok = root in roots
        result.root.add(ok)
        if not ok:
            result.confusion[("/".join(sorted(roots)), root)] += 1
            result.errors.append(
                {
                    "text": sent.text,
                    "gold": sent.cameo,
                    "predicted": ev.cameo if ev else None,
                    "events": [
                        f"{e.type} {e.cameo} {e.trigger.text!r} {e.confidence} "
                        f"{'HYP ' if e.hypothetical else ''}{'NEG ' if e.negated else ''}"
                        f"{e.rule}"
                        for e in pred.events
                    ],
                }
            )
            continue
        assert ev is not None
        for r, src, tgt in sent.events:
            if r != root:
                continue
            if src:
                result.source.add(_country_ok(pred.country_of(ev.source), src))
            if tgt:
                result.target.add(_country_ok(pred.country_of(ev.target), tgt))
            break
    return result


def run_texts(
    texts: list[str],
    published: str = "2000-01-01",
    dictionaries: dict[str, list[str]] | None = None,
) -> list[Prediction]:
    """Analyse each sentence as its own document (coding also with `dictionaries`, if any)."""
    from dossier.analyzer import Analyzer

    analyzer = Analyzer(dictionaries=dictionaries)
    out = []
    for text in texts:
        record = analyzer.analyze(text, published=published)
        pred = prediction_of(record)
        pred.failed = record.status == "failed"
        out.append(pred)
    return out


FOLDS = 5


def held_out(sentence_id: str, folds: int = FOLDS) -> bool:
    """Whether a gold sentence is in the held-out fold (fold 0 of `folds`, by a hash of its
    id: fixed, and the same on every machine). The held-out part is reported apart and its
    sentences are never listed as errors: it is not studied."""
    digest = hashlib.sha1(sentence_id.encode("utf-8")).hexdigest()
    return int(digest, 16) % folds == 0


def evaluate(
    corpus: Path, runner: Callable[[list[str]], list[Prediction]] = run_texts
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    plover_path = corpus / PLOVER_FILE
    if plover_path.is_file():
        gold = read_plover_gsr(plover_path)
        preds = runner([g.text for g in gold])
        plover = score_plover(gold, preds)
        out["plover"] = plover.to_dict() | {
            "sentences": len(gold),
            "failed_analyses": sum(p.failed for p in preds),
        }
        pairs = list(zip(gold, preds, strict=True))
        for name, keep in (("plover_studied", False), ("plover_heldout", True)):
            part = [(g, p) for g, p in pairs if held_out(g.id) == keep]
            scored = score_plover([g for g, _ in part], [p for _, p in part])
            out[name] = scored.to_dict() | {"sentences": len(part)}
            if not keep:
                # errors of the studied part only: the held-out fold is not looked at
                out["plover_errors"] = scored.errors
                out["plover_country_errors"] = scored.country_errors
    petr_path = corpus / PETR2_FILE
    if petr_path.is_file():
        gold2 = [g for g in read_petr2(petr_path) if g.text]
        preds2 = runner([g.text for g in gold2])
        petr = score_petr2(gold2, preds2)
        out["petr2"] = petr.to_dict() | {
            "sentences": len(gold2),
            "failed_analyses": sum(p.failed for p in preds2),
        }
        pairs2 = list(zip(gold2, preds2, strict=True))
        for name, keep in (("petr2_studied", False), ("petr2_heldout", True)):
            part2 = [(g, p) for g, p in pairs2 if held_out(g.id) == keep]
            scored2 = score_petr2([g for g, _ in part2], [p for _, p in part2])
            out[name] = scored2.to_dict() | {"sentences": len(part2)}
            if not keep:
                # as for PLOVER: the errors of the studied part only
                out["petr2_errors"] = scored2.errors
    return out


def _print(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    plover = results.get("plover")
    if plover:
        table = Table(
            title=f"PLOVER gold ({plover['sentences']} sentences): event type per sentence"
        )
        for col in ("type", "P", "R", "F1", "tp", "fp", "fn"):
            table.add_column(col, justify="right" if col != "type" else "left")
        for name, c in plover["per_type"].items():
            table.add_row(
                name,
                f"{c['precision']:.2f}",
                f"{c['recall']:.2f}",
                f"{c['f1']:.2f}",
                str(c["tp"]),
                str(c["fp"]),
                str(c["fn"]),
            )
        m = plover["micro"]
        table.add_row(
            "[bold]micro",
            f"{m['precision']:.2f}",
            f"{m['recall']:.2f}",
            f"[bold]{m['f1']:.2f}",
            str(m["tp"]),
            str(m["fp"]),
            str(m["fn"]),
        )
        console.print(table)
        for key in ("source_country_accuracy", "target_country_accuracy", "no_event_accuracy"):
            v = plover[key]
            console.print(f"  {key}: {v['value']:.2f} (n={v['n']})")
        console.print(f"  failed analyses: {plover['failed_analyses']}")
        for key, label in (("plover_studied", "studied"), ("plover_heldout", "held-out fold")):
            part = results.get(key)
            if part:
                m = part["micro"]
                console.print(
                    f"  {label} ({part['sentences']} sentences): micro P/R/F1 "
                    f"{m['precision']:.2f} / {m['recall']:.2f} / {m['f1']:.2f} "
                    f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})"
                )
    petr = results.get("petr2")
    if petr:
        table = Table(title=f"PETRARCH-2 validation ({petr['sentences']} sentences)")
        table.add_column("measure")
        table.add_column("value", justify="right")
        table.add_column("n", justify="right")
        for key in (
            "root_accuracy",
            "source_country_accuracy",
            "target_country_accuracy",
            "no_event_accuracy",
        ):
            table.add_row(key, f"{petr[key]['value']:.2f}", str(petr[key]["n"]))
        console.print(table)
        console.print(f"  failed analyses: {petr['failed_analyses']}")
        for key, label in (("petr2_studied", "studied"), ("petr2_heldout", "held-out fold")):
            part = results.get(key)
            if part:
                console.print(
                    f"  {label} ({part['sentences']} sentences): root accuracy "
                    f"{part['root_accuracy']['value']:.2f} (n={part['root_accuracy']['n']}), "
                    f"no-event {part['no_event_accuracy']['value']:.2f} "
                    f"(n={part['no_event_accuracy']['n']})"
                )


@click.command("events")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/corpora/events"),
    show_default=True,
    help="folder with PLOVER_GSR_CAMEO.dev.json and PETR2_GSR_validation.xml",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="also write the results (and PLOVER errors) as JSON here ('-' = stdout)",
)
@click.option("--errors", is_flag=True, help="print the PLOVER sentences coded wrongly")
@click.option(
    "--dictionaries",
    "dict_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/corpora/dictionaries"),
    show_default=True,
    help="folder with the production CAMEO.2.0 verbs and Phoenix dictionaries (PETR-2 row)",
)
@click.option(
    "--no-dictionaries", is_flag=True, help="skip the PETRARCH unit suite and the PETR-2 row"
)
@click.option("--no-reports", is_flag=True, help="skip the project's conflict-news regression set")
def command(
    corpus: Path,
    json_path: Path | None,
    errors: bool,
    dict_dir: Path,
    no_dictionaries: bool,
    no_reports: bool,
) -> None:
    """Event coding: PLOVER type P/R/F1 and actor countries; PETR-2 CAMEO root accuracy;
    with PETRARCH dictionaries given by path: the PETRARCH unit-suite pass rate and tuple F1
    (its toy PETR.Validate.* dictionaries) and PETR-2 root accuracy with the production ones.

    The PLOVER half is also reported in two parts: a fixed held-out fold (one in five
    sentences, chosen by a hash of the gold id) and the rest. `--errors` and `--json` list
    the wrongly coded sentences of the studied part only: do not tune on the held-out fold.

    The project's own conflict-news regression set (eval/data/conflict_reports.yaml, written
    for Dossier) is scored too: type P/R/F1, the share of reports whose types are all
    acceptable, source/target sector and country; studied part and held-out fold apart.
    """
    results = evaluate(corpus) if corpus.is_dir() else {}
    if not results and no_reports:
        raise click.ClickException(f"no gold files found in {corpus}")
    _print(results)
    if not no_reports:
        from dossier.eval.conflict_reports import evaluate_reports, print_reports

        results["reports"] = evaluate_reports()
        print_reports(results["reports"])
    if not no_dictionaries:
        from dossier.eval.petrarch_suite import evaluate_dictionaries, print_dictionaries

        results["dictionaries"] = evaluate_dictionaries(corpus, dict_dir)
        print_dictionaries(results["dictionaries"])
    if errors:
        for err in results.get("plover_errors", []):
            click.echo(f"\n{err['text']}\n  gold {err['gold']} predicted {err['predicted']}")
            for line in err["events"]:
                click.echo(f"    {line}")
        for err in results.get("reports", {}).get("errors", []):
            click.echo(
                f"\n[{err['id']}] {err['text']}\n  gold {err['gold']} (also ok {err['also_ok']})"
                f" predicted {err['predicted']} {'; '.join(err['actors'])}"
            )
            for line in err["events"]:
                click.echo(f"    {line}")
    if json_path is not None:
        data = json.dumps(results, indent=2)
        if str(json_path) == "-":
            click.echo(data)
        else:
            json_path.write_text(data, encoding="utf-8")
