"""Dossier's throughput benchmark (`make bench`): a measurement, not a test.

On the same synthetic news texts (bench/corpus.py), in the same run, it measures:

* bare spaCy: `dossier.nlp.pipeline.load_model()` and `nlp.pipe` (same batch size);
* the Analyzer with every Dossier component that exists, 1 worker, input checks and JSON
  serialisation included (what `dossier analyze` does per document);
* the CLI's runner (`dossier.runner.run_batch`) with 1 and 2 worker processes;
* each pipeline component's share of the time (components run batch by batch, as
  `nlp.pipe` runs them), plus input checks and record building;
* peak resident memory of each phase (every phase runs in its own fresh process);
* when present, `bench/bench_places.py` and `bench/bench_store.py` figures.

It prints a table and writes bench/results/latest.json. Targets: overhead over bare spaCy
<= 15% with 1 worker; 2 workers >= 1.7x one.

    python bench/run.py [--docs N] [--quick] [--repeat R] [--batch-size B]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from corpus import SyntheticDocument, generate  # noqa: E402

RESULTS = BENCH / "results"
OVERHEAD_TARGET = 15.0  # percent over bare spaCy, 1 worker
SCALING_TARGET = 1.7  # 2 workers vs 1
PHASES = ["bare", "analyzer", "components", "runner1", "runner2", "extras"]


# --- measuring helpers ------------------------------------------------------------------


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size (MiB) of this process, or of its largest waited-for child."""
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


class Clock:
    """Wall and CPU time of a block (CPU: this process only)."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    @contextmanager
    def run(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu


def _throughput(docs: list[SyntheticDocument], clock: Clock) -> dict[str, float]:
    words = sum(d.words for d in docs)
    return {
        "docs": len(docs),
        "words": words,
        "wall_s": round(clock.wall, 3),
        "cpu_s": round(clock.cpu, 3),
        "docs_per_s": round(len(docs) / clock.wall, 2) if clock.wall else 0.0,
        "words_per_s": round(words / clock.wall, 1) if clock.wall else 0.0,
    }


def _input_documents(docs: list[SyntheticDocument]) -> list[Any]:
    from dossier.ingest.documents import InputDocument

    return [InputDocument(text=d.text, id=d.id, published=d.published) for d in docs]


def _prepare(documents: list[Any]) -> list[Any]:
    from dossier.ingest.documents import DEFAULT_MAX_CHARS, prepare

    return [prepare(d, DEFAULT_MAX_CHARS) for d in documents]


# --- phases (each runs in its own process) -------------------------------------------------


def phase_bare(docs: list[SyntheticDocument], batch_size: int) -> dict[str, Any]:
    from dossier.nlp.pipeline import load_model

    load = Clock()
    with load.run():
        nlp = load_model()
    texts = [d.text for d in docs]
    for _ in nlp.pipe(texts[:batch_size], batch_size=batch_size):  # warm-up
        pass
    clock = Clock()
    with clock.run():
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return {
        **_throughput(docs, clock),
        "tokens": tokens,
        "load_s": round(load.wall, 3),
        "pipeline": list(nlp.pipe_names),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def phase_analyzer(docs: list[SyntheticDocument], batch_size: int) -> dict[str, Any]:
    from dossier.analyzer import Analyzer

    load = Clock()
    with load.run():
        analyzer = Analyzer(batch_size=batch_size)
    for _ in analyzer.analyze_documents(_prepare(_input_documents(docs[:batch_size]))):
        pass  # warm-up
    documents = _input_documents(docs)
    counts = {"entities": 0, "mentions": 0, "statements": 0, "events": 0, "places": 0}
    failed = 0
    out_bytes = 0
    clock = Clock()
    with clock.run():
        for record in analyzer.analyze_documents(_prepare(documents)):
            out_bytes += len(record.to_json())
            counts["entities"] += len(record.entities)
            counts["mentions"] += sum(len(e.mentions) for e in record.entities)
            counts["statements"] += len(record.statements)
            counts["events"] += len(record.events)
            counts["places"] += len(record.places)
            failed += record.status != "ok"
    return {
        **_throughput(docs, clock),
        "load_s": round(load.wall, 3),
        "pipeline": list(analyzer.nlp.pipe_names),
        "found": counts,
        "failed": failed,
        "json_bytes": out_bytes,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def phase_components(docs: list[SyntheticDocument], batch_size: int) -> dict[str, Any]:
    """Time each step of the Analyzer's work, batch by batch as `nlp.pipe` runs it."""
    from dossier.analyzer import Analyzer, parse_date
    from dossier.nlp.record_builder import build_record

    analyzer = Analyzer(batch_size=batch_size)
    nlp = analyzer.nlp
    steps = ["input checks", "tokenizer", *nlp.pipe_names, "record", "json"]
    clocks = {name: Clock() for name in steps}

    def run(batch: list[SyntheticDocument]) -> None:
        with clocks["input checks"].run():
            prepared = _prepare(_input_documents(batch))
        with clocks["tokenizer"].run():
            spacy_docs = []
            for document in prepared:
                doc = nlp.make_doc(document.text)
                doc._.published = parse_date(document.published)
                spacy_docs.append(doc)
        for name, proc in nlp.pipeline:
            with clocks[name].run():
                if hasattr(proc, "pipe"):
                    spacy_docs = list(proc.pipe(spacy_docs, batch_size=batch_size))
                else:
                    spacy_docs = [proc(doc) for doc in spacy_docs]
        with clocks["record"].run():
            records = [
                build_record(doc, doc_id=d.id, published=d.published)
                for doc, d in zip(spacy_docs, prepared, strict=True)
            ]
        with clocks["json"].run():
            for record in records:
                record.to_json()

    run(docs[:batch_size])  # warm-up
    for clock in clocks.values():
        clock.wall = clock.cpu = 0.0
    for start in range(0, len(docs), batch_size):
        run(docs[start : start + batch_size])
    # Shares are of CPU time: on a shared machine wall time also counts other people's work.
    total = sum(c.cpu for c in clocks.values())
    own = {"input checks", "record", "json"} | {n for n in nlp.pipe_names if "dossier" in n}
    own_cpu = sum(clocks[n].cpu for n in own)
    return {
        "steps": {
            name: {
                "wall_s": round(c.wall, 3),
                "cpu_s": round(c.cpu, 3),
                "share_pct": round(100 * c.cpu / total, 2) if total else 0.0,
                "ms_per_doc": round(1000 * c.cpu / len(docs), 3),
                "dossier": name in own,
            }
            for name, c in clocks.items()
        },
        "total_wall_s": round(sum(c.wall for c in clocks.values()), 3),
        "total_cpu_s": round(total, 3),
        "dossier_share_pct": round(100 * own_cpu / total, 2) if total else 0.0,
        # what the components cost relative to the spaCy part alone, by CPU time
        "overhead_cpu_pct": round(100 * own_cpu / (total - own_cpu), 1) if total > own_cpu else 0.0,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def phase_runner(docs: list[SyntheticDocument], batch_size: int, workers: int) -> dict[str, Any]:
    """`run_batch` as the CLI calls it: start-up (model loading, worker processes) included."""
    try:
        from dossier.runner import run_batch
    except ImportError as err:
        return {"skipped": f"dossier.runner not available: {err}"}
    from dossier.analyzer import Analyzer

    documents = _input_documents(docs)
    clock = Clock()
    startup = Clock()
    out_bytes = 0
    first_record_s = 0.0
    started = time.perf_counter()
    with clock.run():
        analyzer = None
        if workers <= 1:  # what run_batch would build itself; timed apart as start-up
            with startup.run():
                analyzer = Analyzer(batch_size=batch_size)
        records = run_batch(
            _prepare(documents), workers=workers, batch_size=batch_size, analyzer=analyzer
        )
        worker_cpu: dict[int, float] = {}
        for record in records:
            if not first_record_s:
                first_record_s = time.perf_counter() - started
            out_bytes += len(record.to_json())
            if workers > 1:
                _sample_children(worker_cpu)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result: dict[str, Any] = {
        **_throughput(docs, clock),
        "workers": workers,
        "first_record_s": round(first_record_s, 3),
        "json_bytes": out_bytes,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if workers <= 1:
        result["startup_s"] = round(startup.wall, 3)
        result["processing_s"] = round(clock.wall - startup.wall, 3)
    else:
        result["workers_cpu_s"] = round(children.ru_utime + children.ru_stime, 3)
        result["per_worker_cpu_s"] = [round(v, 2) for v in sorted(worker_cpu.values())]
        result["peak_rss_worker_mb"] = round(children.ru_maxrss / 1024, 1)
    return result


def _sample_children(seen: dict[int, float]) -> None:
    """Record each live child process's CPU seconds so far (Linux /proc; else nothing)."""
    import multiprocessing

    ticks = os.sysconf("SC_CLK_TCK")
    for child in multiprocessing.active_children():
        try:
            stat = Path(f"/proc/{child.pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        # after "pid (comm)": state is fields[0]; utime, stime are fields 11 and 12
        seen[child.pid or 0] = (int(fields[11]) + int(fields[12])) / ticks


def _load_bench_module(name: str) -> Any | None:
    path = BENCH / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _call(func: Callable[[], Any]) -> Any:
    try:
        start = time.perf_counter()
        value = func()
        if isinstance(value, float):
            value = round(value, 4)
        elif isinstance(value, dict):
            value = {k: round(v, 3) if isinstance(v, float) else v for k, v in value.items()}
        return {"value": value, "seconds": round(time.perf_counter() - start, 3)}
    except Exception as err:  # other engineers' code: report, never crash the benchmark
        return {"error": f"{type(err).__name__}: {err}"}


def _extra_calls(quick: bool) -> dict[str, dict[str, Callable[[Any], Any]]]:
    """What to call in the other benchmark modules, and with which arguments."""
    store_docs = 1_000 if quick else 10_000
    ingest_texts = 8 if quick else 40
    lookups = 50_000 if quick else 200_000

    def queries(module: Any) -> Any:
        with tempfile.TemporaryDirectory() as tmp:
            return module.bench_queries(f"sqlite:///{Path(tmp) / 'bench.db'}", store_docs)

    return {
        "bench_places": {
            "gazetteer_lookups_per_second": lambda m: m.gazetteer_lookups_per_second(n=lookups),
            "places_share_of_analysis": lambda m: m.places_share_of_analysis(20 if quick else 60),
        },
        "bench_store": {
            f"bench_ingest({ingest_texts} texts) -> store overhead": lambda m: m.bench_ingest(
                ingest_texts
            ),
            f"bench_queries({store_docs} docs) -> p50 ms": queries,
        },
    }


def phase_extras(quick: bool) -> dict[str, Any]:
    """Figures from the other benchmark modules, when they exist (their output to stderr)."""
    result: dict[str, Any] = {}
    for name, calls in _extra_calls(quick).items():
        try:
            module = _load_bench_module(name)
        except Exception as err:  # another engineer's module: report, never crash
            result[name] = {"error": f"import failed: {type(err).__name__}: {err}"}
            continue
        if module is None:
            result[name] = {"skipped": f"bench/{name}.py not present"}
            continue
        result[name] = {}
        for label, call in calls.items():
            with contextlib.redirect_stdout(sys.stderr):
                result[name][label] = _call(functools.partial(call, module))
    return result


def run_phase(
    name: str, docs: list[SyntheticDocument], batch_size: int, quick: bool = False
) -> dict[str, Any]:
    if name == "bare":
        return phase_bare(docs, batch_size)
    if name == "analyzer":
        return phase_analyzer(docs, batch_size)
    if name == "components":
        return phase_components(docs, batch_size)
    if name == "runner1":
        return phase_runner(docs, batch_size, 1)
    if name == "runner2":
        return phase_runner(docs, batch_size, 2)
    if name == "extras":
        return phase_extras(quick)
    raise ValueError(name)


# --- the driver -------------------------------------------------------------------------


def _corpus_label(corpus: dict[str, Any]) -> str:
    if corpus.get("seed") is None:
        return f"articles from {corpus.get('generator')}"
    return f"synthetic, seed {corpus['seed']}"


def read_texts(folder: Path, limit: int) -> list[SyntheticDocument]:
    """The first `limit` non-empty .txt files under `folder`, in sorted order."""
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.strip():
            docs.append(SyntheticDocument(id=path.stem, text=text, published="2024-01-01"))
        if len(docs) >= limit:
            break
    if not docs:
        raise SystemExit(f"no .txt files under {folder}")
    return docs


def spawn_phase(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run one phase in a fresh interpreter (clean peak-memory figure, no shared warm state)."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        name,
        "--docs",
        str(args.docs),
        "--batch-size",
        str(args.batch_size),
        "--seed",
        str(args.seed),
        *(["--quick"] if args.quick else []),
        *(["--texts", str(args.texts)] if args.texts else []),
    ]
    started = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"error": f"phase {name} exited with status {proc.returncode}"}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = round(time.perf_counter() - started, 2)
    return result


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in runs if "wall_s" in r]
    if not ok:
        return runs[0]
    best = dict(min(ok, key=lambda r: r["wall_s"]))
    best["runs_wall_s"] = [r["wall_s"] for r in ok]
    best["cpu_s"] = min(r["cpu_s"] for r in ok)
    return best


def _cores(row: dict[str, Any]) -> float:
    """CPU cores the run actually got: CPU seconds (workers included) per wall second."""
    cpu = float(row.get("cpu_s", 0.0)) + float(row.get("workers_cpu_s", 0.0))
    return cpu / row["wall_s"] if row.get("wall_s") else 0.0


def summarise(results: dict[str, Any], pairs: list[float] | None = None) -> dict[str, Any]:
    """Overhead and speed-up against their targets; `pairs`: the overhead of each Analyzer run
    against the bare run just before it (with --repeat)."""
    pairs = pairs or []
    bare, analyzer = results["bare"], results["analyzer"]
    summary: dict[str, Any] = {}
    if "wall_s" in bare and "wall_s" in analyzer:
        summary["overhead_wall_pct"] = round(100 * (analyzer["wall_s"] / bare["wall_s"] - 1), 1)
        summary["overhead_cpu_pct"] = round(100 * (analyzer["cpu_s"] / bare["cpu_s"] - 1), 1)
        summary["overhead_target_pct"] = OVERHEAD_TARGET
        summary["overhead_ok"] = summary["overhead_wall_pct"] <= OVERHEAD_TARGET
        if len(pairs) > 1:
            # each Analyzer run against the bare run just before it
            summary["overhead_pairs_wall_pct"] = pairs
            summary["overhead_median_pair_wall_pct"] = statistics.median(pairs)
    one, two = results.get("runner1", {}), results.get("runner2", {})
    if "wall_s" in one and "wall_s" in two:
        summary["speedup_2_workers"] = round(one["wall_s"] / two["wall_s"], 2)
        summary["speedup_target"] = SCALING_TARGET
        summary["speedup_ok"] = summary["speedup_2_workers"] >= SCALING_TARGET
        # On a busy machine the workers do not get two cores; say so next to the figure.
        summary["cores_used_1_worker"] = round(_cores(one), 2)
        summary["cores_used_2_workers"] = round(_cores(two), 2)
        summary["speedup_measurable"] = summary["cores_used_2_workers"] >= 1.5
        # What two idle cores would give, from CPU time: the 1-worker run's CPU over the
        # busiest worker's CPU plus the parent's (an estimate, not a measurement).
        per_worker = two.get("per_worker_cpu_s") or []
        if per_worker:
            busiest = max(per_worker) + float(two.get("cpu_s", 0.0))
            summary["speedup_2_workers_cpu_estimate"] = round(one["cpu_s"] / busiest, 2)
    return summary


def print_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # piped or redirected: do not squeeze the tables into 80
        console = Console(width=120)
    res = report["results"]
    corpus = report["corpus"]
    console.print(
        f"[bold]Dossier benchmark[/bold]  {corpus['docs']} docs, {corpus['words']:,} words "
        f"({_corpus_label(corpus)}), batch size {report['batch_size']}, "
        f"{report['environment']['cpus']} CPUs, load average at start "
        f"{report['environment']['loadavg_start']}"
    )
    table = Table(title="Throughput", title_justify="left")
    for col in ("run", "docs/s", "words/s", "wall s", "cpu s", "cores", "peak RSS MiB", "vs bare"):
        table.add_column(col, justify="left" if col == "run" else "right")
    bare_wall = res["bare"].get("wall_s")
    labels = {
        "bare": "bare spaCy (nlp.pipe)",
        "analyzer": "Analyzer, 1 worker",
        "runner1": "run_batch, 1 worker (with start-up)",
        "runner2": "run_batch, 2 workers (with start-up)",
    }
    for key, label in labels.items():
        row = res.get(key, {})
        if "wall_s" not in row:
            table.add_row(label, *(["–"] * 6), str(row.get("skipped") or row.get("error", "")))
            continue
        rss = f"{row['peak_rss_mb']:.0f}"
        if "peak_rss_worker_mb" in row:
            rss += f" (+{row['workers']}×{row['peak_rss_worker_mb']:.0f})"
        table.add_row(
            label,
            f"{row['docs_per_s']:.1f}",
            f"{row['words_per_s']:,.0f}",
            f"{row['wall_s']:.2f}",
            f"{row['cpu_s'] + row.get('workers_cpu_s', 0.0):.2f}",
            f"{_cores(row):.2f}",
            rss,
            f"{row['wall_s'] / bare_wall:.2f}×" if bare_wall else "",
        )
    console.print(table)
    comp = res.get("components", {})
    if "steps" in comp:
        table = Table(title="Where the CPU time goes (Analyzer, 1 worker)", title_justify="left")
        for col in ("step", "CPU ms/doc", "share"):
            table.add_column(col, justify="left" if col == "step" else "right")
        for name, step in comp["steps"].items():
            style = "bold" if step["dossier"] else ""
            table.add_row(
                name, f"{step['ms_per_doc']:.2f}", f"{step['share_pct']:.1f}%", style=style
            )
        table.add_row("Dossier's own steps", "", f"{comp['dossier_share_pct']:.1f}%", style="bold")
        console.print(table)
    for name, value in res.get("extras", {}).items():
        if isinstance(value, dict):
            console.print(f"[bold]{name}[/bold]: {json.dumps(value)}", soft_wrap=True)
    summary = report["summary"]
    if "overhead_wall_pct" in summary:
        mark = "[green]ok[/green]" if summary["overhead_ok"] else "[red]over target[/red]"
        console.print(
            f"Overhead over bare spaCy, 1 worker: {summary['overhead_wall_pct']:+.1f}% wall, "
            f"{summary['overhead_cpu_pct']:+.1f}% CPU (target <= {OVERHEAD_TARGET:.0f}%) {mark}"
        )
        if "overhead_pairs_wall_pct" in summary:
            pairs = ", ".join(f"{p:+.1f}%" for p in summary["overhead_pairs_wall_pct"])
            console.print(
                f"  per pair of runs (Analyzer against the bare run before it): {pairs}; "
                f"median {summary['overhead_median_pair_wall_pct']:+.1f}%"
            )
    if "speedup_2_workers" in summary:
        mark = "[green]ok[/green]" if summary["speedup_ok"] else "[red]under target[/red]"
        console.print(
            f"2 workers vs 1: {summary['speedup_2_workers']:.2f}× "
            f"(target >= {SCALING_TARGET}×) {mark}"
        )
        if "speedup_2_workers_cpu_estimate" in summary:
            console.print(
                "  CPU-time estimate on two idle cores (1-worker CPU / busiest worker's CPU): "
                f"{summary['speedup_2_workers_cpu_estimate']:.2f}×"
            )
        if not summary["speedup_measurable"]:
            console.print(
                f"[yellow]The 2 workers got only {summary['cores_used_2_workers']:.2f} CPU cores "
                f"between them (machine busy: load average {report['environment']['loadavg_end']}"
                "); the speed-up figure says more about the machine than about Dossier.[/yellow]"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=300, help="number of documents (300)")
    parser.add_argument("--quick", action="store_true", help="60 documents, one repeat")
    parser.add_argument("--repeat", type=int, default=1, help="repeat bare/analyzer, keep best")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--texts",
        type=Path,
        help="measure on real articles instead: the first --docs .txt files under this folder "
        "(sorted; read at run time, never copied), e.g. ../shared/corpora/polnear/train/text",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--only", help="comma-separated phases to run: " + ",".join(PHASES))
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.docs = min(args.docs, 60)
        args.repeat = 1

    docs = read_texts(args.texts, args.docs) if args.texts else generate(args.docs, seed=args.seed)
    if args.phase:  # child process: one phase, JSON on stdout
        with contextlib.redirect_stdout(sys.stderr):  # keep stdout for the result line
            result = run_phase(args.phase, docs, args.batch_size, args.quick)
        print(json.dumps(result))
        return 0

    phases = args.only.split(",") if args.only else PHASES
    environment = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        import spacy

        from dossier.nlp.pipeline import MODEL

        environment["spacy"] = spacy.__version__
        environment["model"] = MODEL
    except ImportError:
        pass
    results: dict[str, Any] = {}
    runs: dict[str, list[dict[str, Any]]] = {}
    # bare and Analyzer alternate (bare, Analyzer, bare, Analyzer ...): a machine that slows
    # down or speeds up during the run then weighs on both alike
    order = [n for n in phases if n in ("bare", "analyzer")] * max(args.repeat, 1)
    order += [n for n in phases if n not in ("bare", "analyzer")]
    for name in order:
        print(f"… {name}", file=sys.stderr, flush=True)
        runs.setdefault(name, []).append(spawn_phase(name, args))
    for name, done in runs.items():
        results[name] = _best(done) if len(done) > 1 else done[0]
    pairs = [
        round(100 * (a["wall_s"] / b["wall_s"] - 1), 1)
        for b, a in zip(runs.get("bare", []), runs.get("analyzer", []), strict=False)
        if "wall_s" in a and "wall_s" in b
    ]
    for name in PHASES:
        results.setdefault(name, {"skipped": "not run (--only)"})
    environment["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "corpus": {
            "docs": len(docs),
            "words": sum(d.words for d in docs),
            "seed": None if args.texts else args.seed,
            "generator": str(args.texts) if args.texts else "bench/corpus.py",
        },
        "batch_size": args.batch_size,
        "environment": environment,
        "results": results,
    }
    report["summary"] = summarise(results, pairs)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_report(report)
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
