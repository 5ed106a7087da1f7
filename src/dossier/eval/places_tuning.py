"""``dossier eval places-tune``: choose a few ranking weights on declared folds, report the rest.

1. The pipeline reads the studied corpora (GeoWebNews, TR-News, LGL) once; for every article
   it records what `dossier_places` hands the ranking (`dossier.nlp.geocoding.resolve`): the
   toponyms with their gazetteer candidates and containers, and the countries of the actors.
2. The ranking is replayed for settings of the weights in `TUNABLE` (coordinate ascent: one
   weight at a time over its listed values, two rounds), each scored by the mean over the
   three corpora of Acc@161 over all gold toponyms (demonyms excluded) of the articles in the
   tuning folds (`fold_of`, the folds of ``dossier eval places --folds``).
3. It prints the chosen setting and, for the start and the chosen setting, the figures on the
   tuning folds and on the other folds: those are articles the choice never saw. Write the
   chosen values into ``geocoding_weights.yaml`` and confirm with
   ``dossier eval places --folds K --tuned-on <the tuning folds>``.

GeoVirus is never read here: it stays the held-out corpus of ``dossier eval places``.
The replay scores the mentions the ranking resolves, before the component adds the repeated
mentions of resolved names, so its figures run a little under those of ``dossier eval places``.
"""

from __future__ import annotations

import copy
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from dossier.eval.geo_corpora import CORPORA, HELD_OUT, GeoArticle, read_corpus
from dossier.eval.places import DEFAULT_CORPUS, Prediction, fold_of, parse_folds, score
from dossier.nlp.geocoding import Toponym

# the weights searched, and the values tried for each (the current value is always tried too)
TUNABLE: dict[str, tuple[float, ...]] = {
    "document_country.per_mention": (0.2, 0.35, 0.5, 0.7),
    "document_country.share": (0.25, 0.5, 0.75, 1.0),
    "relative_size_weight": (0.0, 0.05, 0.1, 0.2),
    "same_province_bonus": (0.15, 0.3, 0.5),
    "near_other_place_bonus": (0.1, 0.25, 0.4),
    "near_named_places.per_place": (0.1, 0.2, 0.3),
}

# module constants of dossier.nlp.geocoding copied from W at import
_ALIASES = {
    "relative_size_weight": "RELATIVE_SIZE_WEIGHT",
    "same_province_bonus": "SAME_PROVINCE_BONUS",
}


@dataclass
class Recorded:
    """What the ranking received for one article."""

    corpus: str
    article: GeoArticle
    toponyms: list[Toponym]
    context: list[str]


def current(key: str) -> float:
    from dossier.nlp import geocoding

    value: Any = geocoding.W
    for part in key.split("."):
        value = getattr(value, part)
    return float(value)


@contextmanager
def weights(setting: dict[str, float]) -> Iterator[None]:
    """The ranking with these weights (dotted keys of geocoding_weights.yaml) in force."""
    from dossier.nlp import geocoding

    saved = geocoding.W
    saved_aliases = {name: getattr(geocoding, name) for name in _ALIASES.values()}
    w = saved
    for key, value in setting.items():
        head, _, tail = key.partition(".")
        if tail:
            inner = getattr(w, head).model_copy(update={tail: value})
            w = w.model_copy(update={head: inner})
        else:
            w = w.model_copy(update={head: value})
    geocoding.W = w
    for key, name in _ALIASES.items():
        setattr(geocoding, name, getattr(w, key))
    try:
        yield
    finally:
        geocoding.W = saved
        for name, value in saved_aliases.items():
            setattr(geocoding, name, value)


def record(corpus_dir: Path, names: list[str], limit: int | None) -> list[Recorded]:
    """Run the pipeline over the studied corpora, keeping what the ranking received."""
    from dossier.nlp import places
    from dossier.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    seen: list[tuple[list[Toponym], list[str]]] = []
    real = places.resolve

    def spy(toponyms: list[Toponym], context: Any = ()) -> Any:
        context = list(context)
        seen.append((copy.deepcopy(toponyms), context))
        return real(toponyms, context)

    out: list[Recorded] = []
    places.resolve = spy  # type: ignore[assignment]
    try:
        for name in names:
            articles = read_corpus(name, corpus_dir)
            if articles is None:
                continue
            for article in articles[:limit] if limit else articles:
                seen.clear()
                nlp(article.text)
                toponyms, context = seen[0] if seen else ([], [])
                out.append(Recorded(name, article, toponyms, context))
    finally:
        places.resolve = real
    return out


def replay(rec: Recorded) -> list[Prediction]:
    from dossier.nlp.geocoding import resolve

    toponyms = copy.copy(rec.toponyms)
    preds: list[Prediction] = []
    for t, res in zip(toponyms, resolve(toponyms, rec.context), strict=True):
        if res is not None:
            c = res.candidate
            preds.extend(Prediction(s, e, c.lat, c.lon, c.name) for s, e in t.spans)
    return preds


def figures(recs: list[Recorded]) -> dict[str, float]:
    """Acc@161 over all gold (demonyms excluded) and recall, pooled over `recs`."""
    s = score([r.article.toponyms for r in recs], [replay(r) for r in recs], demonyms=False)
    return {"gold": s.gold, "recall": s.recall, "acc161_all": s.acc161_all}


def objective(recs: list[Recorded]) -> float:
    """The mean over the corpora of their Acc@161 (each corpus counts the same, however many
    toponyms it has: LGL's local US news would outweigh the other two)."""
    names = sorted({r.corpus for r in recs})
    return statistics.fmean(
        figures([r for r in recs if r.corpus == name])["acc161_all"] for name in names
    )


def choose(recs: list[Recorded], rounds: int = 2) -> tuple[dict[str, float], float]:
    """Coordinate ascent over TUNABLE on `recs`: the setting and its objective."""
    setting = {key: current(key) for key in TUNABLE}
    with weights(setting):
        best = objective(recs)
    for _ in range(rounds):
        changed = False
        for key, values in TUNABLE.items():
            for value in values:
                if value == setting[key]:
                    continue
                trial = {**setting, key: value}
                with weights(trial):
                    acc = objective(recs)
                if acc > best + 1e-9:
                    best, setting, changed = acc, trial, True
        if not changed:
            break
    return setting, best


def split(
    recs: list[Recorded], folds: int, tune_on: frozenset[int]
) -> tuple[list[Recorded], list[Recorded]]:
    tuning = [r for r in recs if fold_of(r.corpus, r.article, folds) in tune_on]
    other = [r for r in recs if fold_of(r.corpus, r.article, folds) not in tune_on]
    return tuning, other


def cross_validated(recs: list[Recorded], folds: int) -> dict[str, dict[str, float | None]]:
    """The tuning procedure itself, cross-validated: for each fold, choose on the others and
    score the fold; the mean and sd of those scores, beside the same folds scored with the
    weights in force (the file's)."""
    scores: dict[str, list[float]] = {"tuned": [], "file": []}
    for k in range(folds):
        tuning, held = split(recs, folds, frozenset(range(folds)) - {k})
        setting, _ = choose(tuning, rounds=1)
        with weights(setting):
            scores["tuned"].append(objective(held))
        scores["file"].append(objective(held))
    return {
        label: {
            "mean": round(statistics.fmean(v), 4) if v else None,
            "sd": round(statistics.stdev(v), 4) if len(v) > 1 else None,
        }
        for label, v in scores.items()
    }


@click.command("places-tune")
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_CORPUS,
    show_default=True,
    help="folder with the geoparsing corpora (GeoVirus is never read)",
)
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option(
    "--tune-on",
    default="0,1,2",
    show_default=True,
    metavar="0,1,...",
    help="the folds the weights are chosen on; the others are reported as held out",
)
@click.option("--limit", type=int, default=None, help="at most N articles per corpus")
@click.option("--cv", is_flag=True, help="also cross-validate the tuning procedure (slower)")
def command(corpus_dir: Path, folds: int, tune_on: str, limit: int | None, cv: bool) -> None:
    """Choose the ranking weights listed in TUNABLE on some folds of GeoWebNews, TR-News and
    LGL (by replaying the ranking on what the pipeline found), and report the start and the
    chosen setting on the tuning folds and on the other folds. GeoVirus is never read."""
    if not corpus_dir.is_dir():
        raise click.ClickException(f"corpus folder not found: {corpus_dir}")
    tuned = parse_folds(tune_on, "--tune-on")
    if not tuned or max(tuned) >= folds or min(tuned) < 0 or len(tuned) == folds:
        raise click.BadParameter(
            f"some (not all) of the folds 0..{folds - 1}", param_hint="--tune-on"
        )
    names = [n for n in CORPORA if n not in HELD_OUT]
    recs = record(corpus_dir, names, limit)
    if not recs:
        raise click.ClickException(f"no studied geoparsing corpus found in {corpus_dir}")
    tuning, other = split(recs, folds, tuned)
    start = {key: current(key) for key in TUNABLE}
    setting, _ = choose(tuning)
    rows = []
    for label, s in (("start", start), ("chosen", setting)):
        with weights(s):
            rows.append((label, figures(tuning), figures(other)))
    click.echo(f"tuned on folds {sorted(tuned)} of {folds}; reported also on the others")
    for key in TUNABLE:
        mark = "" if setting[key] == start[key] else "   (changed)"
        click.echo(f"  {key}: {start[key]} -> {setting[key]}{mark}")
    for label, tune_fig, other_fig in rows:
        click.echo(
            f"{label:>7}: tuning folds Acc@161 {tune_fig['acc161_all']:.4f} "
            f"(gold {tune_fig['gold']}) | other folds Acc@161 {other_fig['acc161_all']:.4f} "
            f"recall {other_fig['recall']:.4f} (gold {other_fig['gold']})"
        )
    for name in names:
        part = [r for r in other if r.corpus == name]
        if part:
            with weights(start):
                a = figures(part)["acc161_all"]
            with weights(setting):
                b = figures(part)["acc161_all"]
            click.echo(f"  other folds of {name}: Acc@161 {a:.4f} -> {b:.4f}")
    if cv:
        cvs = cross_validated(recs, folds)
        click.echo(f"{folds}-fold cross-validated Acc@161 of the procedure: {cvs}")
