"""Benchmark of the Spark job: local[1] vs local[2], Spark vs `dossier analyze --workers 2`.

    .venv/bin/python bench/bench_spark.py --docs 300 --texts ../shared/corpora/polnear/train/text

A measurement, not a test. Every phase runs in a fresh process on the same JSON Lines input
(the first --docs .txt files of --texts in sorted order, cycled under new ids when --docs
exceeds them; read at run time, nothing is copied into the repository), so each pays its own
start-up (JVM, model loading), as a user would:

* ``analyze2``: ``dossier analyze IN --format jsonl --workers 2``;
* ``spark1``, ``spark2``: ``dossier spark IN OUT --master local[N]`` with N partitions per
  core; the job's own stage times are reported too (``analyse`` is reading + analysis +
  writing records/, the part that scales with the cores).

While each phase runs, /proc is sampled every 0.2 s: the peak resident memory (VmHWM) of
every Spark Python worker and of the JVM, and the CPU seconds the workers used (so a
machine shared with other work shows as fewer CPU seconds per wall second).

Reported: wall seconds, documents/s, speed-up local[2]/local[1] (target ≥ 1.7×), overhead
of Spark over ``analyze --workers 2`` (target ≤ 15%), peak memory per Python worker and of
the JVM, and a projection to 1 million articles on a 32-core cluster from the measured
per-core analysis rate. Results go to bench/results/spark.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
CLOCK = os.sysconf("SC_CLK_TCK")


def make_input(texts: Path, docs: int, folder: Path) -> Path:
    files = sorted(texts.rglob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files under {texts}")
    path = folder / "in.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(docs):
            # more documents than files: the files are cycled under new ids (round 2 is "id~2"),
            # a speed measurement that needs many documents from a small open corpus
            file, round_ = files[n % len(files)], n // len(files) + 1
            found = _DATE.search(file.name)
            doc_id = file.stem if round_ == 1 else f"{file.stem}~{round_}"
            item = {"id": doc_id, "text": file.read_text(encoding="utf-8", errors="replace")}
            if found:
                item["published"] = found.group(1)
            out.write(json.dumps(item) + "\n")
    return path


class Sampler(threading.Thread):
    """Peak RSS and CPU time of Spark's Python workers and of the JVM, from /proc."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.workers: dict[int, dict[str, float]] = {}
        self.jvm_peak_mb = 0.0
        self.jvm_cpu = 0.0

    def run(self) -> None:
        while not self.stop.is_set():
            for pid_dir in Path("/proc").iterdir():
                if not pid_dir.name.isdigit():
                    continue
                try:
                    cmd = (pid_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                    status = (pid_dir / "status").read_text()
                    stat = (pid_dir / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                hwm = re.search(r"VmHWM:\s+(\d+) kB", status)
                peak = int(hwm.group(1)) / 1024 if hwm else 0.0
                cpu = (int(stat[11]) + int(stat[12])) / CLOCK
                if "pyspark.daemon" in cmd or "pyspark.worker" in cmd:
                    seen = self.workers.setdefault(int(pid_dir.name), {"peak_mb": 0.0, "cpu": 0.0})
                    seen["peak_mb"] = max(seen["peak_mb"], peak)
                    seen["cpu"] = max(seen["cpu"], cpu)
                elif "org.apache.spark.deploy.SparkSubmit" in cmd:
                    self.jvm_peak_mb = max(self.jvm_peak_mb, peak)
                    self.jvm_cpu = max(self.jvm_cpu, cpu)
            self.stop.wait(0.2)


def run_phase(name: str, command: list[str], env: dict[str, str]) -> dict[str, Any]:
    sampler = Sampler()
    sampler.start()
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - started
    # every process of the phase (pool workers; the JVM and its Python workers) is a reaped
    # descendant, so this is the phase's whole CPU cost, robust to a busy machine
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampler.stop.set()
    sampler.join()
    result: dict[str, Any] = {
        "command": " ".join(command),
        "exit": done.returncode,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
    }
    if sampler.workers:
        # the JVM is not reaped by the command, so its CPU (and its Python workers') is not
        # in cpu_s: the workers' CPU comes from /proc instead
        del result["cpu_s"]
        # the daemon forks the workers; the largest is an analysing worker
        result["python_workers"] = len(sampler.workers)
        result["worker_peak_mb"] = round(max(w["peak_mb"] for w in sampler.workers.values()))
        result["worker_cpu_s"] = round(sum(w["cpu"] for w in sampler.workers.values()), 1)
        result["jvm_peak_mb"] = round(sampler.jvm_peak_mb)
        result["jvm_cpu_s"] = round(sampler.jvm_cpu, 1)
    stages = re.search(r"stages: (\{.*\})", done.stderr)
    if stages:
        result["stages_s"] = json.loads(stages.group(1))
    if done.returncode not in (0, 1):
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{name} failed")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument(
        "--texts", type=Path, default=ROOT.parent / "shared/corpora/polnear/train/text"
    )
    parser.add_argument("--partitions-per-core", type=int, default=4)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/spark.json")
    parser.add_argument("--only", default="analyze2,spark1,spark2")
    args = parser.parse_args()
    dossier = [sys.executable, "-c", "from dossier.cli import main; main()"]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    results: dict[str, Any] = {
        "docs": args.docs,
        "texts": str(args.texts),
        "cpu_count": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="dossier-bench-spark-") as tmp:
        folder = Path(tmp)
        source = make_input(args.texts, args.docs, folder)
        words = sum(len(json.loads(line)["text"].split()) for line in source.open())
        results["words"] = words
        phases = args.only.split(",")
        if "analyze2" in phases:
            command = [
                *dossier,
                "analyze",
                str(source),
                "--format",
                "jsonl",
                "-q",
                "--workers",
                "2",
                "-o",
                str(folder / "analyze.jsonl"),
            ]
            results["analyze2"] = run_phase("analyze2", command, env)
        for cores in (1, 2):
            name = f"spark{cores}"
            if name not in phases:
                continue
            command = [
                *dossier,
                "spark",
                str(source),
                str(folder / f"out{cores}"),
                "--master",
                f"local[{cores}]",
                "--partitions",
                str(cores * args.partitions_per_core),
                "--timings",
            ]
            results[name] = run_phase(name, command, env)
        results["load_average_at_end"] = os.getloadavg()
    summarise(results, args.docs)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def summarise(results: dict[str, Any], docs: int) -> None:
    for name in ("analyze2", "spark1", "spark2"):
        if name in results:
            results[name]["docs_per_s"] = round(docs / results[name]["wall_s"], 2)
    one, two = results.get("spark1"), results.get("spark2")
    if one and two:
        results["speedup_local2_over_local1"] = round(one["wall_s"] / two["wall_s"], 2)
        if "stages_s" in one and "stages_s" in two:
            results["speedup_analysis_stage"] = round(
                one["stages_s"]["analyse"] / two["stages_s"]["analyse"], 2
            )
    if two and results.get("analyze2"):
        results["spark2_overhead_vs_analyze_workers2"] = round(
            two["wall_s"] / results["analyze2"]["wall_s"] - 1, 3
        )
        if two.get("worker_cpu_s"):
            # Spark's Python workers against every process of analyze (JVM CPU not counted)
            results["spark2_python_cpu_overhead_vs_analyze_workers2"] = round(
                two["worker_cpu_s"] / results["analyze2"]["cpu_s"] - 1, 3
            )
    if one and one.get("worker_cpu_s"):
        # one core's rate from the CPU seconds the Python workers used for the whole job
        # (analysis, tables, merge): what a core does when it is not shared
        per_core = docs / one["worker_cpu_s"]
        cores, articles = 32, 1_000_000
        hours = articles / (per_core * cores) / 3600
        results["projection"] = {
            "per_core_docs_per_s": round(per_core, 2),
            "articles": articles,
            "cores": cores,
            "hours_at_measured_rate": round(hours, 2),
            "note": "Python workers' CPU for the whole job on local[1], assuming linear "
            "scaling over cores and executors as fast as this machine's cores; add cluster "
            "start-up and the JVM's share",
        }


if __name__ == "__main__":
    main()
