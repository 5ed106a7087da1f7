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

With ``--folds K`` the studied corpora are also scored fold by fold: each article falls in one
of K folds by a hash of its corpus and id (`fold_of`: fixed, whatever the order or the other
articles), so that a setting chosen on some folds (declared with ``--tuned-on``) is reported
on the others. GeoVirus is never folded: it stays whole and held out.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from dossier.eval.geo_corpora import CORPORA, HELD_OUT, GeoArticle, GoldToponym, read_corpus
from dossier.knowledge.gazetteer import Gazetteer, haversine_km

ACC_KM = 161.0
EVENT_PLACES = "event-places"  # the bundled event-place set, as a name for --only
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


def fold_of(corpus: str, article: GeoArticle, folds: int) -> int:
    """The fold (0..folds-1) of an article: a hash of its corpus and id, so that it never
    changes with the order of the corpus, a --limit or the number of articles."""
    digest = hashlib.sha1(f"{corpus}/{article.id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % folds


def fold_scores(
    corpus: str,
    articles: list[GeoArticle],
    predicted: list[list[Prediction]],
    folds: int,
    tuned_on: frozenset[int] = frozenset(),
) -> dict[str, object]:
    """Dossier's scores fold by fold (without demonym gold items), and their mean and standard
    deviation over the folds not in `tuned_on` (all folds when none is declared)."""
    per_fold: list[dict[str, object]] = []
    for k in range(folds):
        chosen = [i for i, a in enumerate(articles) if fold_of(corpus, a, folds) == k]
        gold = [articles[i].toponyms for i in chosen]
        scores = score(gold, [predicted[i] for i in chosen], demonyms=False)
        per_fold.append(
            {"fold": k, "articles": len(chosen), "tuned_on": k in tuned_on, **asdict(scores)}
        )
    reported = [f for f in per_fold if not f["tuned_on"] and f["gold"]]
    summary: dict[str, object] = {"folds_reported": [f["fold"] for f in reported]}
    for key in ("recall", "acc161_all", "acc161_found"):
        values = [float(f[key]) for f in reported]  # type: ignore[arg-type]
        summary[key] = {
            "mean": round(statistics.fmean(values), 4) if values else None,
            "sd": round(statistics.stdev(values), 4) if len(values) > 1 else None,
        }
    return {"folds": per_fold, "mean": summary}


def _make_doc(nlp: object, article: GeoArticle) -> object:
    return nlp.make_doc(article.text)  # type: ignore[attr-defined]


def evaluate(
    corpus_dir: Path,
    limit: int | None = None,
    names: list[str] | None = None,
    batch_size: int = 16,
    folds: int = 0,
    tuned_on: frozenset[int] = frozenset(),
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
        if folds > 1 and name not in HELD_OUT:
            results[name]["k_fold"] = fold_scores(name, articles, ours, folds, tuned_on)  # type: ignore[index]
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
    folded = [(c, r) for c, r in ordered if isinstance(r, dict) and "k_fold" in r]
    if folded:
        console.print(_fold_table(folded, results))


def _fold_table(folded: list[tuple[str, dict[str, object]]], results: dict[str, object]) -> object:
    """Dossier per fold (gold without demonyms), the mean ± sd over the folds not tuned on, and
    the held-out corpora whole."""
    from rich.table import Table

    table = Table(title="Dossier by document fold (demonym gold items excluded)")
    for col in ("corpus", "fold", "articles", "gold", "recall", "acc@161 all", "acc@161 found"):
        table.add_column(col, justify="left" if col in ("corpus", "fold") else "right")
    for corpus, res in folded:
        kf = res["k_fold"]
        assert isinstance(kf, dict)
        for f in kf["folds"]:
            label = f"{f['fold']} (tuned on)" if f["tuned_on"] else str(f["fold"])
            table.add_row(
                corpus,
                label,
                str(f["articles"]),
                str(f["gold"]),
                f"{f['recall']:.3f}",
                f"{f['acc161_all']:.3f}",
                f"{f['acc161_found']:.3f}",
            )
        mean = kf["mean"]

        def cell(key: str, mean: dict[str, object] = mean) -> str:
            m = mean[key]
            assert isinstance(m, dict)
            if m["mean"] is None:
                return "-"
            sd = f" ± {m['sd']:.3f}" if m["sd"] is not None else ""
            return f"{m['mean']:.3f}{sd}"

        table.add_row(
            corpus, "mean ± sd", "", "", cell("recall"), cell("acc161_all"), cell("acc161_found"),
            end_section=True,
        )  # fmt: skip
    for corpus, held in results.items():
        if corpus in HELD_OUT and isinstance(held, dict):
            s = held["dossier"]["without_demonyms"]
            table.add_row(
                corpus,
                "held out (whole)",
                str(held["articles"]),
                str(s["gold"]),
                f"{s['recall']:.3f}",
                f"{s['acc161_all']:.3f}",
                f"{s['acc161_found']:.3f}",
            )
    return table


def parse_folds(value: str, option: str) -> frozenset[int]:
    """A comma-separated list of fold numbers ("0,1,2"), or a usage error naming `option`."""
    try:
        return frozenset(int(x) for x in value.split(",") if x.strip())
    except ValueError:
        raise click.BadParameter(
            "a comma-separated list of fold numbers", param_hint=option
        ) from None


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
    "--only",
    multiple=True,
    type=click.Choice([*CORPORA, EVENT_PLACES]),
    help="evaluate only these corpora ('event-places': only the event-place set)",
)
@click.option("--batch-size", type=int, default=16, show_default=True)
@click.option(
    "--folds",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="also score the studied corpora in K folds by document (GeoVirus stays whole and held out)",
)
@click.option(
    "--tuned-on",
    default="",
    metavar="0,1,...",
    help="folds a setting was chosen on: marked, and left out of the mean",
)
@click.option(
    "--event-places",
    "event_places",
    is_flag=True,
    help="also score where the first event of each of the bundled conflict-event reports "
    "happened (eval/data/event_places.yaml; studied part and held-out fold apart)",
)
@click.option(
    "--event-errors",
    is_flag=True,
    help="with --event-places: list the studied reports whose event place is wrong",
)
def command(
    corpus_dir: Path,
    json_path: Path | None,
    limit: int | None,
    only: tuple[str, ...],
    batch_size: int,
    folds: int,
    tuned_on: str,
    event_places: bool,
    event_errors: bool,
) -> None:
    """Geoparsing accuracy against GeoWebNews, TR-News, LGL and (held out, never tuned on)
    GeoVirus, beside a population baseline.

    With --folds 5 the studied corpora are also reported fold by fold (each article in a fixed
    fold, by a hash of its id) with the mean and standard deviation over the folds; declare with
    --tuned-on the folds a setting was chosen on, and the mean is taken over the others.

    With --event-places (or --only event-places) the bundled conflict-event reports are also
    scored: the place of each report's first event against the report's gold place (recall,
    Acc@25km, Acc@161km, country), the held-out fold apart and never listed."""
    corpora = [n for n in only if n != EVENT_PLACES]
    with_events = event_places or EVENT_PLACES in only
    if with_events and only and not corpora:
        from dossier.eval import event_places as ep

        ep.print_table(ep.evaluate(), errors=event_errors)
        return
    if not corpus_dir.is_dir():
        raise click.ClickException(f"corpus folder not found: {corpus_dir}")
    tuned = parse_folds(tuned_on, "--tuned-on")
    if folds == 1:
        raise click.BadParameter("at least 2 folds (or 0 for none)", param_hint="--folds")
    if tuned and (folds < 2 or max(tuned) >= folds or min(tuned) < 0):
        raise click.BadParameter(f"folds are numbered 0..{folds - 1}", param_hint="--tuned-on")
    results = evaluate(corpus_dir, limit, corpora or None, batch_size, folds, tuned)
    if not results:
        raise click.ClickException(f"no geoparsing corpus found in {corpus_dir}")
    _table(results)
    if with_events:
        from dossier.eval import event_places as ep

        results[EVENT_PLACES] = ep.evaluate()
        ep.print_table(results[EVENT_PLACES], errors=event_errors)  # type: ignore[arg-type]
    if json_path is not None:
        text = json.dumps(results, indent=2)
        if str(json_path) == "-":
            click.echo(text)
        else:
            json_path.write_text(text + "\n", encoding="utf-8")
