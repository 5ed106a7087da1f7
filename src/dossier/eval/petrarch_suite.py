"""PETRARCH's unit-test suite and PETR-2 coded with the user's dictionaries given by path.

Unit suite (``PETR.UnitTest.records.xml`` with its toy ``PETR.Validate.*`` dictionaries):
per record of the categories the file's ``<Include>`` runs, PETRARCH's criterion: the coded
(source, target, CAMEO) set equals the expected set (records with ``noevents`` or an
``error`` pass when nothing is coded); plus tuple precision/recall/F1 over all records.

PETR-2 (``PETR2_GSR_validation.xml``) with the production CAMEO.2.0 verbs and Phoenix
dictionaries: the CAMEO root of the first coded event against the gold roots.

The coder is :mod:`dossier.nlp.petrarch_coder` on the bare model's parse (the dictionaries
do not need Dossier's entity components).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.knowledge.petrarch_dicts import Dictionaries, load_dictionaries

UNIT_FILE = "PETR.UnitTest.records.xml"
UNIT_DICTS = {
    "verbs": "PETR.Validate.verbs.txt",
    "actors": "PETR.Validate.actors.txt",
    "agents": "PETR.Validate.agents.txt",
    "discards": "PETR.Validate.discards.txt",
}
PRODUCTION_DICTS = {
    "verbs": ["CAMEO.2.0.txt"],
    "actors": [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ],
    "agents": ["Phoenix.agents.txt"],
    "discards": ["Phoenix.discards.txt"],
}

Tuple3 = tuple[str, str, str]
_SENTENCE = re.compile(r"<Sentence\s+([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r"""(\w+)=(?:"([^"]*)"|'([^']*)')""")


@dataclass
class UnitRecord:
    id: str
    category: str
    date: dt.date | None
    text: str
    expected: set[Tuple3] = field(default_factory=set)
    noevents: bool = False
    error: str = ""


def _attrs(text: str) -> dict[str, str]:
    return {k: a or b for k, a, b in _ATTR.findall(text)}


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def read_unit_records(path: Path) -> list[UnitRecord]:
    """The records of the categories the file's ``<Include>`` names (all when none)."""
    content = path.read_text(encoding="utf-8", errors="replace")
    include_m = re.search(r"<Include\s+categories=['\"]([^'\"]*)['\"]", content)
    include = set(include_m.group(1).split()) if include_m else set()
    out: list[UnitRecord] = []
    for m in _SENTENCE.finditer(content):
        attrs = _attrs(m.group(1))
        category = attrs.get("category", "")
        if include and category not in include:
            continue
        body = m.group(2)
        text_m = re.search(r"<Text>(.*?)</Text>", body, re.S)
        rec = UnitRecord(
            attrs.get("id", ""),
            category,
            _date(attrs.get("date", "")),
            " ".join((text_m.group(1) if text_m else "").split()),
        )
        for coding in re.findall(r"<EventCoding\s+([^>]*?)/?>", body):
            ca = _attrs(coding)
            if ca.get("noevents", "").lower() == "true":
                rec.noevents = True
            elif ca.get("error"):
                rec.error = ca["error"]
            elif ca.get("eventcode"):
                rec.expected.add(
                    (ca.get("sourcecode", ""), ca.get("targetcode", ""), ca["eventcode"])
                )
        out.append(rec)
    return out


Coder = Callable[[str, dt.date | None], set[Tuple3]]


def spacy_coder(dicts: Dictionaries) -> Coder:
    """Code texts with `dicts` on the bare model's parse (Dossier's tokenizer and line breaks)."""
    from dossier.nlp.petrarch_coder import code_sentence, discarded
    from dossier.nlp.pipeline import load_model
    from dossier.nlp.state import register_extensions

    register_extensions()
    nlp = load_model()

    def code(text: str, day: dt.date | None) -> set[Tuple3]:
        doc = nlp(text)
        if discarded([t.text.upper() for t in doc], dicts, story=True):
            return set()
        found: set[Tuple3] = set()
        for sent in doc.sents:
            for ev in code_sentence(doc, sent, dicts, day):
                found.add(ev.codes)
        return found

    return code


@dataclass
class SuiteResult:
    records: int = 0
    passed: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    failed_by_category: Counter[str] = field(default_factory=Counter)
    total_by_category: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "records": self.records,
            "pass_rate": self.passed / self.records if self.records else 0.0,
            "tuple_precision": p,
            "tuple_recall": r,
            "tuple_f1": f,
            "by_category": {
                c: {"records": n, "failed": self.failed_by_category[c]}
                for c, n in sorted(self.total_by_category.items())
            },
        }


def score_suite(records: list[UnitRecord], coder: Coder) -> SuiteResult:
    result = SuiteResult()
    for rec in records:
        got = coder(rec.text, rec.date) if rec.text else set()
        ok = got == rec.expected
        result.records += 1
        result.total_by_category[rec.category] += 1
        result.passed += ok
        result.tp += len(got & rec.expected)
        result.fp += len(got - rec.expected)
        result.fn += len(rec.expected - got)
        if not ok:
            result.failed_by_category[rec.category] += 1
            result.failures.append(
                {"id": rec.id, "expected": sorted(rec.expected), "coded": sorted(got)}
            )
    return result


def run_suite(events_dir: Path) -> dict[str, Any] | None:
    path = events_dir / UNIT_FILE
    paths = {k: [events_dir / v] for k, v in UNIT_DICTS.items()}
    if not path.is_file() or not all(p[0].is_file() for p in paths.values()):
        return None
    dicts = load_dictionaries(paths)
    result = score_suite(read_unit_records(path), spacy_coder(dicts))
    return result.to_dict() | {
        "dictionary_errors": len(dicts.errors),
        "failures": result.failures,
    }


def run_petr2(events_dir: Path, dict_dir: Path) -> dict[str, Any] | None:
    from dossier.eval.plover_gold import read_petr2

    gold_path = events_dir / "PETR2_GSR_validation.xml"
    paths = {k: [dict_dir / f for f in v] for k, v in PRODUCTION_DICTS.items()}
    if not gold_path.is_file() or not all(p.is_file() for v in paths.values() for p in v):
        return None
    dicts = load_dictionaries(paths)
    coder = spacy_coder(dicts)
    total = ok = coded = 0
    misses: Counter[str] = Counter()
    for sent in read_petr2(gold_path):
        if not sent.text or not sent.events:
            continue
        total += 1
        got = sorted(coder(sent.text, None), key=lambda t: t[2])
        roots = {r for r, _, _ in sent.events}
        root = got[0][2][:2] if got else "--"
        coded += bool(got)
        ok += root in roots
        if root not in roots:
            misses["nothing coded" if not got else "other root"] += 1
    return {
        "sentences": total,
        "root_accuracy": ok / total if total else 0.0,
        "coded_share": coded / total if total else 0.0,
        "misses": dict(misses),
        "dictionary_errors": len(dicts.errors),
    }


def run_petr2_dossier(events_dir: Path, dict_dir: Path) -> dict[str, Any] | None:
    """PETR-2 scored as ``dossier eval events`` scores it (root of the main event, actor
    countries), with Dossier analysing each sentence and coding also with the production
    dictionaries."""
    from dossier.eval.events import run_texts, score_petr2
    from dossier.eval.plover_gold import read_petr2

    gold_path = events_dir / "PETR2_GSR_validation.xml"
    paths = {k: [str(dict_dir / f) for f in v] for k, v in PRODUCTION_DICTS.items()}
    if not gold_path.is_file() or not all(Path(p).is_file() for v in paths.values() for p in v):
        return None
    gold = [g for g in read_petr2(gold_path) if g.text]
    preds = run_texts([g.text for g in gold], dictionaries=paths)
    result = score_petr2(gold, preds)
    return result.to_dict() | {"sentences": len(gold), "errors": result.errors}


def evaluate_dictionaries(events_dir: Path, dict_dir: Path) -> dict[str, Any]:
    """The unit suite and PETR-2 (Dossier + production dictionaries; the coder alone)."""
    out: dict[str, Any] = {}
    suite = run_suite(events_dir)
    if suite is not None:
        out["unit_suite"] = suite
    petr = run_petr2_dossier(events_dir, dict_dir)
    if petr is not None:
        out["petr2_with_dictionaries"] = petr
        coder = run_petr2(events_dir, dict_dir)
        if coder is not None:
            out["petr2_dictionary_coder_only"] = coder
    return out


def print_dictionaries(results: dict[str, Any]) -> None:
    from rich.console import Console

    console = Console()
    suite = results.get("unit_suite")
    if suite:
        console.print(
            f"[bold]PETRARCH unit suite[/] ({suite['records']} records, toy PETR.Validate.* "
            f"dictionaries by path): record pass {suite['pass_rate']:.2f}; tuple P/R/F1 "
            f"{suite['tuple_precision']:.2f} / {suite['tuple_recall']:.2f} / "
            f"{suite['tuple_f1']:.2f}; dictionary lines skipped {suite['dictionary_errors']}"
        )
        failed = ", ".join(
            f"{c} {v['failed']}/{v['records']}"
            for c, v in suite["by_category"].items()
            if v["failed"]
        )
        console.print(f"  failed records by category: {failed}")
    petr = results.get("petr2_with_dictionaries")
    if petr:
        root = petr["root_accuracy"]
        console.print(
            f"[bold]PETR-2 with CAMEO.2.0 + Phoenix dictionaries[/]: root accuracy "
            f"{root['value']:.2f} (n={root['n']}); source country "
            f"{petr['source_country_accuracy']['value']:.2f}, target country "
            f"{petr['target_country_accuracy']['value']:.2f}"
        )
    coder = results.get("petr2_dictionary_coder_only")
    if coder:
        console.print(
            f"  the dictionary coder alone: root accuracy {coder['root_accuracy']:.2f} "
            f"(coded {coder['coded_share']:.2f} of {coder['sentences']}); dictionary lines "
            f"skipped {coder['dictionary_errors']}"
        )
