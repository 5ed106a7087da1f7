"""Score dossier_statements (and textacy's quote extractor) against PolNeAR attributions, or
against our own attribution set (``evalsets/attribution``, read by `attribution_set`).

    dossier eval statements --corpus ../shared/corpora/polnear --split dev [--limit N] [--json P]
    dossier eval statements --set evalsets/attribution [--count all]

On a set whose gold carries cue classes, ``--count speech+thought`` (the default for ``--set``)
keeps the gold attributions of class speech or thought with clausal or quoted content and the
predictions of class speech or thought, as attribution sets that annotate only speech and
thought count them.

Definitions (document level, character offsets):

* A prediction **matches** a gold attribution when its content covers at least 50% of the gold
  content characters; matching is one-to-one, greedy by coverage.
* **content P/R/F1**: matched predictions / predictions, matched gold / gold.
* **speaker accuracy** (on matched pairs): the predicted speaker mention, or any mention of the
  predicted speaker entity, overlaps the gold Source; when the gold has no Source, right when
  the prediction names no speaker mention either. A relative pronoun that stands for the
  speaker in the cue's own clause (``the mayor, who said ...``: PolNeAR's Source is ``who``)
  counts as a mention of the speaker.
* **end-to-end F1**: matches whose speaker is right.
* **exact F1**: content equal to the gold content once quote marks, spaces and punctuation at
  the edges of the pieces are ignored (one-to-one).
* **quoted** gold items: a ``"“”`` inside the gold content or in the character just outside;
  the rest are unquoted. Per group: recall of content / end-to-end / exact, speaker accuracy.

PolNeAR annotates all four cue classes (speech, thought, intention, evidence) and does not label
them, so ``--by-class`` adds rows scored against all gold with only the predictions of some
classes kept: ``speech+thought`` (what many users and attribution sets count) and one row per
class. Their precision is that class's precision; their recall is the share of all gold they find.

Statements nested in another one's content (``reported_by`` set, with the cue or the content
inside the reporting statement's content) are left out by default: PolNeAR is univocal (a token
has one role in one attribution), so it never annotates an attribution inside another's
content. A statement reported by another only through its speaker (``“A,” the statement
said`` after the statement was introduced) lies outside it and is scored. ``--nested`` keeps
them all.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import click

from dossier.eval.polnear import QUOTE_CHARS, Article, GoldAttribution, iter_articles

STATEMENT_PIPELINE = ("dossier_entities", "dossier_coref", "dossier_statements")
SPEECH_THOUGHT = frozenset({"speech", "thought"})
_EDGE = set(" \t\n.,;:!?—–-'\"“”‘’«»„()[]")


@dataclass
class Pred:
    """A predicted attribution in character terms."""

    content: list[tuple[int, int]]
    speaker: list[tuple[int, int]] = field(default_factory=list)  # mention + entity mentions
    has_speaker_mention: bool = False
    quoted: bool = False

    def chars(self) -> set[int]:
        return {i for s, e in self.content for i in range(s, e)}


def _core(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Characters of the spans minus quote marks, spaces and punctuation at piece edges."""
    out: set[int] = set()
    for s, e in spans:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        out.update(i for i in range(s, e) if text[i] not in QUOTE_CHARS)
    return frozenset(out)


def _overlaps(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_ok: int = 0
    exact: int = 0
    gold_q: int = 0
    gold_u: int = 0
    matched_q: int = 0
    matched_u: int = 0
    speaker_ok_q: int = 0
    speaker_ok_u: int = 0
    exact_q: int = 0
    exact_u: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_article(text: str, gold: list[GoldAttribution], preds: list[Pred]) -> Counts:
    """Match one article's predictions to its gold attributions."""
    gold = [g for g in gold if g.content]
    c = Counts(gold=len(gold), pred=len(preds))
    gchars = [g.content_chars() for g in gold]
    pchars = [p.chars() for p in preds]
    quoted = [g.quoted(text) for g in gold]
    c.gold_q = sum(quoted)
    c.gold_u = c.gold - c.gold_q
    pairs: list[tuple[float, int, int, int]] = []
    for gi, gc in enumerate(gchars):
        if not gc:
            continue
        for pi, pc in enumerate(pchars):
            inter = len(gc & pc)
            cover = inter / len(gc)
            if cover >= 0.5:
                pairs.append((cover, -len(pc - gc), gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        c.matched += 1
        q = quoted[gi]
        if q:
            c.matched_q += 1
        else:
            c.matched_u += 1
        g, p = gold[gi], preds[pi]
        ok = _overlaps(g.source, p.speaker) if g.source else not p.has_speaker_mention
        if ok:
            c.speaker_ok += 1
            if q:
                c.speaker_ok_q += 1
            else:
                c.speaker_ok_u += 1
    # exact boundaries, one-to-one
    gcore = [_core(text, g.content) for g in gold]
    pcore = [_core(text, p.content) for p in preds]
    free = set(range(len(preds)))
    for gi, core in enumerate(gcore):
        hit = next((pi for pi in sorted(free) if pcore[pi] == core and core), None)
        if hit is not None:
            free.discard(hit)
            c.exact += 1
            if quoted[gi]:
                c.exact_q += 1
            else:
                c.exact_u += 1
    return c


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summary(c: Counts) -> dict[str, Any]:
    cp, cr, cf = _prf(c.matched, c.pred, c.gold)
    ep, er, ef = _prf(c.speaker_ok, c.pred, c.gold)
    xp, xr, xf = _prf(c.exact, c.pred, c.gold)

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "gold": c.gold,
        "predicted": c.pred,
        "matched": c.matched,
        "content": {"p": round(cp, 4), "r": round(cr, 4), "f1": round(cf, 4)},
        "speaker_accuracy_matched": ratio(c.speaker_ok, c.matched),
        "end_to_end": {"p": round(ep, 4), "r": round(er, 4), "f1": round(ef, 4)},
        "exact": {"p": round(xp, 4), "r": round(xr, 4), "f1": round(xf, 4)},
        "quoted": {
            "gold": c.gold_q,
            "content_recall": ratio(c.matched_q, c.gold_q),
            "end_to_end_recall": ratio(c.speaker_ok_q, c.gold_q),
            "exact_recall": ratio(c.exact_q, c.gold_q),
            "speaker_accuracy_matched": ratio(c.speaker_ok_q, c.matched_q),
        },
        "unquoted": {
            "gold": c.gold_u,
            "content_recall": ratio(c.matched_u, c.gold_u),
            "end_to_end_recall": ratio(c.speaker_ok_u, c.gold_u),
            "exact_recall": ratio(c.exact_u, c.gold_u),
            "speaker_accuracy_matched": ratio(c.speaker_ok_u, c.matched_u),
        },
    }


# --- systems ---------------------------------------------------------------------------


def dossier_predictions(
    doc: Any, nested: bool = False, classes: frozenset[str] | None = None
) -> list[Pred]:
    """Predictions from the statements the pipeline left in the doc's state (only those whose
    `cue_class` is in `classes`, when given)."""
    from dossier.nlp.state import get_state

    state = get_state(doc)
    by_id = {st.id: st for st in state.statements}
    preds: list[Pred] = []
    for st in state.statements:
        if st.reported_by is not None and not nested and _inside(st, by_id.get(st.reported_by)):
            continue
        if classes is not None and st.cue_class not in classes:
            continue
        speaker: list[tuple[int, int]] = []
        if st.speaker_span is not None:
            speaker.append((st.speaker_span.start, st.speaker_span.end))
        if st.speaker and st.speaker in state.entities:
            speaker.extend((m.start, m.end) for m in state.entities[st.speaker].mentions)
        speaker.extend(_relative_pronoun(doc, st))
        preds.append(
            Pred(
                content=[(s.start, s.end) for s in st.content],
                speaker=speaker,
                has_speaker_mention=st.speaker_span is not None,
                quoted=st.kind != "indirect",
            )
        )
    return preds


def _relative_pronoun(doc: Any, st: Any) -> list[tuple[int, int]]:
    """The relative pronoun that stands for the speaker in the cue's own clause (``the mayor,
    who said ...``): PolNeAR marks the pronoun as the Source, the statement names the noun it
    refers to, and both are the same speaker (PolNeAR train: 312 matched statements in 215
    articles were scored wrong for this alone)."""
    if st.cue is None or st.speaker_span is None:
        return []
    cue = doc.char_span(st.cue.start, st.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return []
    tok = cue[0]
    lo, hi = st.speaker_span.start, st.speaker_span.end
    for _ in range(4):
        if tok.dep_ == "relcl" and lo <= tok.head.idx < hi:
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ in ("WP", "WDT"):
                    return [(child.idx, child.idx + len(child.text))]
            return []
        if tok.head is tok:
            break
        tok = tok.head
    return []


def _inside(st: Any, outer: Any) -> bool:
    """Statement `st` lies in the content of `outer`: its cue, or all of its content."""
    if outer is None:
        return True
    spans = [(c.start, c.end) for c in outer.content]

    def covered(a: int, b: int) -> bool:
        return any(s - 1 <= a and b <= e + 1 for s, e in spans)

    if st.cue is not None and any(s <= st.cue.start < e for s, e in spans):
        return True
    return all(covered(c.start, c.end) for c in st.content)


def textacy_predictions(doc: Any) -> list[Pred]:
    """textacy's `direct_quotations` on the same parse (quote marks stripped from content)."""
    from textacy.extract.triples import direct_quotations

    preds: list[Pred] = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some unbalanced quotes
        return preds
    for trip in triples:
        content = trip.content
        s, e = content.start_char, content.end_char
        text = doc.text
        while s < e and text[s] in "\"“”'‘’ ":
            s += 1
        while e > s and text[e - 1] in "\"“”'‘’ ":
            e -= 1
        speaker = [(t.idx, t.idx + len(t.text)) for t in trip.speaker]
        preds.append(Pred([(s, e)], speaker, bool(speaker), True))
    return preds


def evaluate(
    articles: Iterable[Article],
    systems: dict[str, Callable[[Any], list[Pred]]],
    nlp: Any,
) -> tuple[dict[str, Counts], int, float]:
    arts = list(articles)
    totals = {name: Counts() for name in systems}
    start = time.perf_counter()
    for art, doc in zip(arts, nlp.pipe(a.text for a in arts), strict=True):
        for name, system in systems.items():
            totals[name].add(score_article(art.text, art.attributions, system(doc)))
    return totals, len(arts), time.perf_counter() - start


def _table(results: dict[str, dict[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title="Statements vs PolNeAR (content match: >=50% of gold content chars)")
    cols = [
        "system",
        "gold",
        "pred",
        "content P",
        "content R",
        "content F1",
        "spk acc",
        "e2e F1",
        "exact F1",
        "quoted R",
        "quoted e2e R",
        "unquoted R",
        "unquoted e2e R",
    ]
    for col in cols:
        table.add_column(
            col, justify="right" if col != "system" else "left", no_wrap=col == "system"
        )
    for name, r in results.items():
        table.add_row(
            name,
            str(r["gold"]),
            str(r["predicted"]),
            f"{r['content']['p']:.3f}",
            f"{r['content']['r']:.3f}",
            f"{r['content']['f1']:.3f}",
            f"{r['speaker_accuracy_matched']:.3f}",
            f"{r['end_to_end']['f1']:.3f}",
            f"{r['exact']['f1']:.3f}",
            f"{r['quoted']['content_recall']:.3f}",
            f"{r['quoted']['end_to_end_recall']:.3f}",
            f"{r['unquoted']['content_recall']:.3f}",
            f"{r['unquoted']['end_to_end_recall']:.3f}",
        )
    return table


@click.command("statements")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/corpora/polnear"),
    show_default=True,
    help="PolNeAR folder (with train/ dev/ ...).",
)
@click.option("--split", default="dev", show_default=True, help="train, dev or annotator-training")
@click.option(
    "--set",
    "set_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Score our own attribution set instead (a folder of article .yaml files, e.g. "
    "evalsets/attribution; format in its README).",
)
@click.option(
    "--count",
    type=click.Choice(["auto", "all", "speech+thought"]),
    default="auto",
    show_default=True,
    help="Which attributions count: all four cue classes, or speech and thought only (gold of "
    "those classes with clausal or quoted content, predictions of class speech or thought). "
    "auto: speech+thought for --set, all for PolNeAR (which labels no classes).",
)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the results as JSON to this file.",
)
@click.option(
    "--nested/--no-nested",
    default=False,
    show_default=True,
    help="Score statements nested in another's content too.",
)
@click.option(
    "--baseline/--no-baseline",
    default=True,
    show_default=True,
    help="Add textacy's direct_quotations as a baseline row.",
)
@click.option(
    "--by-class",
    is_flag=True,
    help="Add rows with only speech+thought statements, and one per cue class.",
)
def command(
    corpus: Path,
    split: str,
    set_path: Path | None,
    count: str,
    limit: int | None,
    json_path: Path | None,
    nested: bool,
    baseline: bool,
    by_class: bool,
) -> None:
    """Score statements (content, speaker, end-to-end, exact) on PolNeAR or on our own set.

    \b
      dossier eval statements --split train --no-baseline
      dossier eval statements --set evalsets/attribution --no-baseline
    """
    from rich.console import Console

    from dossier.eval.attribution_set import SetError, iter_set, keep_classes
    from dossier.nlp.pipeline import PipelineConfig, build_pipeline

    speech_thought = (count == "auto" and set_path is not None) or count == "speech+thought"
    kept: frozenset[str] | None = SPEECH_THOUGHT if speech_thought else None
    articles: Iterable[Article]
    if set_path is not None:
        try:
            loaded = list(iter_set(set_path, limit))
        except SetError as err:
            raise click.ClickException(str(err)) from None
        if speech_thought:
            loaded = [keep_classes(a, SPEECH_THOUGHT, clausal_only=True) for a in loaded]
        articles = loaded
    else:
        if speech_thought:
            raise click.UsageError(
                "PolNeAR labels no cue classes: --count speech+thought needs --set"
            )
        if not corpus.is_dir():
            raise click.BadParameter(f"no PolNeAR folder at {corpus}", param_hint="--corpus")
        articles = iter_articles(corpus, split, limit)
    # what statements depend on (places, events and relations come later and do not change them)
    nlp = build_pipeline(PipelineConfig(components=list(STATEMENT_PIPELINE)))
    systems: dict[str, Callable[[Any], list[Pred]]] = {
        "dossier": partial(dossier_predictions, nested=nested, classes=kept)
    }
    if by_class:
        groups = [("speech", "thought"), ("speech",), ("thought",), ("intention",), ("evidence",)]
        for group in groups:
            systems[f"dossier {'+'.join(group)}"] = partial(
                dossier_predictions, nested=nested, classes=frozenset(group)
            )
    if baseline:
        systems["textacy direct_quotations"] = textacy_predictions
    totals, n, seconds = evaluate(articles, systems, nlp)
    results = {name: summary(c) for name, c in totals.items()}
    console = Console(width=max(150, Console().width))
    console.print(_table(results))
    payload = {
        "corpus": str(set_path if set_path is not None else corpus),
        "split": "own set" if set_path is not None else split,
        "count": "speech+thought" if speech_thought else "all",
        "articles": n,
        "seconds": round(seconds, 1),
        "systems": results,
    }
    console.print_json(json.dumps(payload))
    if json_path is not None:
        json_path.write_text(json.dumps(payload, indent=2), encoding="utf-8")
