"""``dossier eval places``: geoparsing accuracy on GeoWebNews, TR-News, LGL and GeoVirus.

GeoWebNews (dev half), TR-News (dev half) and LGL are the studied sets: the gazetteer weights
(knowledge/data/geocoding_weights.yaml) were tuned on GeoWebNews dev. GeoVirus was never studied
or tuned on; it is the held-out set and its rows are marked "held-out".

For every corpus, over the gold toponyms that have coordinates:

* recall: a predicted place mention overlaps the gold span;
* Acc@161km over all gold (misses count as wrong) and over the found ones;
* mean and median error (km) over the found ones;

each with and without the gold items that are demonyms ("Iranian", which the corpora geocode
to the country), for Dossier (the full Analyzer pipeline) and for a population-prior baseline
(spaCy's GPE/LOC/FAC entities, the most populous gazetteer entry), side by side.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from dossier.eval.geo_corpora import CORPORA, HELD_OUT, GeoArticle, GoldToponym, read_corpus
from dossier.knowledge.gazetteer import Gazetteer, haversine_km

ACC_KM = 161.0
DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "geoparsing"


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    lat: float
    lon: float
    name: str = ""


@dataclass
class Scores:
    gold: int
    found: int
    recall: float
    acc161_all: float
    acc161_found: float
    mean_km: float | None
    median_km: float | None


def _match(gold: GoldToponym, predictions: list[Prediction]) -> Prediction | None:
    best: Prediction | None = None
    best_overlap = 0
    for p in predictions:
        overlap = min(gold.end, p.end) - max(gold.start, p.start)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    return best


def score(
    gold: list[list[GoldToponym]],
    predicted: list[list[Prediction]],
    *,
    demonyms: bool = True,
) -> Scores:
    """Score predictions against gold, article by article (same order)."""
    errors: list[float] = []
    total = 0
    correct = 0
    for items, preds in zip(gold, predicted, strict=True):
        for g in items:
            if g.demonym and not demonyms:
                continue
            total += 1
            p = _match(g, preds)
            if p is None:
                continue
            km = haversine_km(g.lat, g.lon, p.lat, p.lon)
            errors.append(km)
            correct += km <= ACC_KM
    found = len(errors)
    return Scores(
        gold=total,
        found=found,
        recall=round(found / total, 4) if total else 0.0,
        acc161_all=round(correct / total, 4) if total else 0.0,
        acc161_found=round(correct / found, 4) if found else 0.0,
        mean_km=round(statistics.fmean(errors), 1) if errors else None,
        median_km=round(statistics.median(errors), 1) if errors else None,
    )


def baseline_predictions(doc: object, gz: Gazetteer) -> list[Prediction]:
    """Population prior over spaCy's GPE/LOC/FAC entities."""
    from dossier.nlp.geocoding import population_baseline

    preds: list[Prediction] = []
    for ent in doc.ents:  # type: ignore[attr-defined]
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        text = ent.text
        best = population_baseline(list(gz.lookup(text)))
        if best is not None:
            preds.append(Prediction(ent.start_char, ent.end_char, best.lat, best.lon, best.name))
    return preds


def dossier_predictions(doc: object) -> list[Prediction]:
    from dossier.nlp.state import get_state

    state = get_state(doc)  # type: ignore[arg-type]
    return [
        Prediction(m.start, m.end, p.lat, p.lon, p.name)
        for p in state.places.values()
        for m in p.mentions
    ]


def run_corpus(
    articles: list[GeoArticle], nlp: object, gz: Gazetteer, batch_size: int = 16
) -> tuple[list[list[Prediction]], list[list[Prediction]], int]:
    """Dossier's and the baseline's predictions per article, and how many articles failed
    (a failing article predicts nothing; its gold still counts)."""
    ours: list[list[Prediction]] = []
    base: list[list[Prediction]] = []
    failed = 0
    for i in range(0, len(articles), batch_size):
        batch = articles[i : i + batch_size]
        try:
            docs = list(nlp.pipe([_make_doc(nlp, a) for a in batch]))  # type: ignore[attr-defined]
        except Exception:
            docs = []
            for a in batch:  # isolate the article that breaks the batch
                try:
                    docs.append(nlp(_make_doc(nlp, a)))  # type: ignore[operator]
                except Exception:
                    docs.append(None)
                    failed += 1
        for doc in docs:
            ours.append(dossier_predictions(doc) if doc is not None else [])
            base.append(baseline_predictions(doc, gz) if doc is not None else [])
    return ours, base, failed


def _make_doc(nlp: object, article: GeoArticle) -> object:
    return nlp.make_doc(article.text)  # type: ignore[attr-defined]


def evaluate(
    corpus_dir: Path, limit: int | None = None, names: list[str] | None = None, batch_size: int = 16
) -> dict[str, object]:
    from dossier.knowledge.gazetteer import gazetteer
    from dossier.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    gz = gazetteer()
    results: dict[str, object] = {}
    for name in names or list(CORPORA):
        articles = read_corpus(name, corpus_dir)
        if articles is None:
            continue
        if limit:
            articles = articles[:limit]
        t0 = time.perf_counter()
        ours, base, failed = run_corpus(articles, nlp, gz, batch_size)
        gold = [a.toponyms for a in articles]
        results[name] = {
            "split": "held-out" if name in HELD_OUT else "studied",
            "articles": len(articles),
            "failed_articles": failed,
            "seconds": round(time.perf_counter() - t0, 1),
            "dossier": {
                "without_demonyms": asdict(score(gold, ours, demonyms=False)),
                "with_demonyms": asdict(score(gold, ours, demonyms=True)),
            },
            "baseline": {
                "without_demonyms": asdict(score(gold, base, demonyms=False)),
                "with_demonyms": asdict(score(gold, base, demonyms=True)),
            },
        }
    return results


def _table(results: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Geoparsing (Acc@{ACC_KM:.0f}km; demonym gold items excluded / included)")
    for col in (
        "corpus",
        "split",
        "system",
        "demonyms",
        "gold",
        "recall",
        "acc@161 all",
        "acc@161 found",
        "mean km",
        "median km",
    ):
        table.add_column(
            col, justify="right" if col not in ("corpus", "split", "system") else "left"
        )
    ordered = sorted(results.items(), key=lambda kv: kv[0] in HELD_OUT)
    for corpus, res in ordered:
        assert isinstance(res, dict)
        for system in ("dossier", "baseline"):
            for variant, label in (("without_demonyms", "no"), ("with_demonyms", "yes")):
                s = res[system][variant]
                table.add_row(
                    corpus,
                    str(res.get("split", "")),
                    system,
                    label,
                    str(s["gold"]),
                    f"{s['recall']:.3f}",
                    f"{s['acc161_all']:.3f}",
                    f"{s['acc161_found']:.3f}",
                    str(s["mean_km"]),
                    str(s["median_km"]),
                )
    console = Console()
    if not console.is_terminal:
        console = Console(width=140)
    console.print(table)


@click.command("places")
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_CORPUS,
    show_default=True,
    help="folder with GWN.dev.xml, gwn_full.dev.txt, TR-News.dev.xml, lgl.xml, GeoVirus.xml",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path),
    default=None,
    help="also write the figures as JSON here ('-' for stdout)",
)
@click.option("--limit", type=int, default=None, help="at most N articles per corpus")
@click.option(
    "--only", multiple=True, type=click.Choice(list(CORPORA)), help="evaluate only these corpora"
)
@click.option("--batch-size", type=int, default=16, show_default=True)
def command(
    corpus_dir: Path,
    json_path: Path | None,
    limit: int | None,
    only: tuple[str, ...],
    batch_size: int,
) -> None:
    """Geoparsing accuracy against GeoWebNews, TR-News, LGL and (held out, never tuned on)
    GeoVirus, beside a population baseline."""
    if not corpus_dir.is_dir():
        raise click.ClickException(f"corpus folder not found: {corpus_dir}")
    results = evaluate(corpus_dir, limit, list(only) or None, batch_size)
    if not results:
        raise click.ClickException(f"no geoparsing corpus found in {corpus_dir}")
    _table(results)
    if json_path is not None:
        text = json.dumps(results, indent=2)
        if str(json_path) == "-":
            click.echo(text)
        else:
            json_path.write_text(text + "\n", encoding="utf-8")
