"""`python -m bench`: build the corpora, measure every stage, print a table, write JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import ClassVar

from .corpus import Corpus
from .detect import compare
from .measure import run
from .stages import build_times, check_times, checklist_times, pack_times, serve_times

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def runs_for(size: int, override: int | None) -> int:
    """Median of 3 runs on the smallest corpus, where start-up costs vary most; one run above,
    so that the default run, 500 playbooks included, takes about ten minutes."""
    if override:
        return override
    return 3 if size <= 4 else 1


def machine() -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        gettext = subprocess.run(["msgfmt", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        gettext = "missing"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "versions": {
            name: version(name) for name in ("mkdocs", "mkdocs-material", "babel", "translate-toolkit", "typst")
        }
        | {"gettext": gettext},
    }


class Budget:
    """Skips a stage that would not finish in the time left, predicted from the size before.

    Every stage grows linearly with the corpus (measured: the bare build 9× from 50 to
    500 playbooks, once the navigation holds a topic's section and static-i18n no longer
    compares every search entry with every other), so each prediction scales by size.
    Small corpora always run: their fixed costs would make any prediction from them too high.
    """

    GROWTH: ClassVar[dict[str, float]] = {}  # stage → exponent, where a stage is not linear
    ALWAYS = 50  # up to this many playbooks every stage runs

    def __init__(self, seconds: float, started: float) -> None:
        self.seconds, self.started = seconds, started
        self.seen: dict[str, tuple[int, float]] = {}  # stage → (size, seconds)

    def allows(self, stage: str, size: int, runs: int = 1) -> bool:
        if not self.seconds or size <= self.ALWAYS or stage not in self.seen:
            return True
        before, per_run = self.seen[stage]
        predicted = runs * per_run * (size / before) ** self.GROWTH.get(stage, 1.0)
        return time.perf_counter() - self.started + predicted <= self.seconds

    def record(self, stage: str, size: int, seconds: float, runs: int = 1) -> None:
        self.seen[stage] = (size, seconds / runs)


def measure_size(size: int, args: argparse.Namespace, work: Path, budget: Budget, log) -> dict:
    root = work / f"corpus-{size}"
    runs = runs_for(size, args.runs)
    result: dict = {"playbooks": size, "runs": runs, "skipped": {}}
    if not budget.allows("corpus", size) or not budget.allows("check", size, runs):
        log(f"[{size}] skipped: would not finish within the budget")
        stages = ["corpus", "check", "checklists", "build", "crkb serve", "mkdocs serve"]
        result["skipped"] = dict.fromkeys(stages, "budget")
        return result
    log(f"[{size}] generating the corpus")
    with _stage(budget, "corpus", size):
        generated = run(
            [
                sys.executable,
                "-m",
                "bench.corpus",
                str(root),
                "--playbooks",
                str(size),
                "--seed",
                str(args.seed),
            ],
            cwd=REPO,
        )
    corpus = Corpus.load(root)
    result |= {
        "locales": corpus.locales,
        "strings_per_catalog": corpus.units,
        "corpus": {"seconds": round(generated.seconds, 3), "peak_mb": round(generated.peak_mb, 1)},
    }
    log(f"[{size}] check: crkb check, pofilter, msgfmt ({runs} run(s) each)")
    with _stage(budget, "check", size, runs):
        checks = check_times(corpus, runs, work / f"check-{size}", pofilter=size <= args.pofilter_max)
    result["check"] = {name: t.as_dict() for name, t in checks.items()}
    if "pofilter" not in checks:
        result["skipped"]["pofilter"] = "--pofilter-max"

    sample = None if args.all_checklists or size <= 50 else 50
    pdf_size = min(size, sample or size)  # what the checklist stage's cost grows with
    if sample is not None:  # above 50 playbooks the site build lays out every PDF; here only the pack
        log(f"[{size}] trainer pack of one locale (every playbook)")
        pdf = pack_times(corpus, runs, work / f"pdf-{size}" / "pack")
        result["checklists"] = {"pack": pack_figures(pdf)}
        shutil.rmtree(work / f"pdf-{size}", ignore_errors=True)
    elif budget.allows("checklists", pdf_size, runs):
        log(f"[{size}] crkb checklists" + (f" (a sample of {sample} playbooks)" if sample else ""))
        with _stage(budget, "checklists", pdf_size, runs):
            pdf = checklist_times(corpus, runs, work / f"pdf-{size}", sample)
        fresh, serial, again = pdf["fresh"], pdf["fresh, one job"], pdf["unchanged rerun"]
        result["checklists"] = {
            "pdfs": pdf["pdfs"],
            "sampled_playbooks": sample,
            "jobs": os.cpu_count(),
            "fresh": fresh.as_dict(),
            "seconds_per_pdf": round(fresh.seconds / max(pdf["pdfs"], 1), 4),
            "fresh_one_job": serial.as_dict(),
            "seconds_per_pdf_one_job": round(serial.seconds / max(pdf["pdfs"], 1), 4),
            "unchanged_rerun": again.as_dict(),
            "pack": pack_figures(pdf),
        }
        shutil.rmtree(work / f"pdf-{size}", ignore_errors=True)
    else:
        result["skipped"]["checklists"] = "budget"

    if budget.allows("build", size, runs):
        pages_only = size <= args.pages_only_max
        log(f"[{size}] site build with crkb (fresh, unchanged" + (", checklists off" if pages_only else "") + "), bare")
        with _stage(budget, "build", size, runs):
            build_runs = runs_for(size, args.build_runs or args.runs)
            builds = build_times(corpus, runs, work / f"build-{size}", pages_only, build_runs)
        result["build"] = build_figures(builds)
        shutil.rmtree(work / f"build-{size}", ignore_errors=True)
    else:
        result["skipped"]["build"] = "budget"

    build_seconds = result.get("build", {}).get("crkb", {}).get("seconds", 60.0)
    result["serve"] = {}
    for kind, largest in (("crkb serve", args.serve_max), ("mkdocs serve", args.serve_all_max)):
        edits = args.edits or 3  # the first save of a session also loads what later ones reuse
        if kind == "mkdocs serve":
            edits = 1  # the whole site, every language, at each save: for comparison
        if size <= largest and budget.allows(kind, size):
            log(f"[{size}] {kind}: {edits} catalog edit(s)")
            with _stage(budget, kind, size):
                served = serve_times(corpus, edits, work, max(120.0, 4 * build_seconds), kind)
            result["serve"][kind] = {**served, "seconds": statistics.median(served["edits"])}
        else:
            option = "--serve-max" if kind == "crkb serve" else "--serve-all-max"
            result["skipped"][kind] = "budget" if size <= largest else option
    corpus.remove_generated()
    return result


def pack_figures(pdf: dict) -> dict:
    return {
        "locale": pdf["pack_locale"],
        "pages": pdf["pack_pages"],
        "mb": pdf["pack_mb"],
        "one_locale_all_playbooks": pdf["one locale, all playbooks"].as_dict(),
        "rebuilt": pdf["pack rebuilt"].as_dict(),
        "join": pdf["pack join"].as_dict(),
    }


def build_figures(builds: dict) -> dict:
    """Each build's timing, and its ratio to the bare build by wall and by CPU time."""
    bare = builds["bare build"]
    figures = {"bare": bare.as_dict(), "html_pages": builds["html_pages"], "pdfs_in_site": builds["pdfs_in_site"]}
    for key, name in (
        ("crkb", "crkb build"),
        ("rebuild", "crkb rebuild, unchanged"),
        ("crkb_no_checklists", "crkb build, no checklists"),
        ("crkb_new_machine", "crkb build, no checklists, new machine"),
    ):
        if (timing := builds.get(name)) is not None:
            figures[key] = timing.as_dict()
            figures[f"ratio_{key}"] = round(timing.seconds / bare.seconds, 3)
            figures[f"cpu_ratio_{key}"] = round(timing.cpu_seconds / max(bare.cpu_seconds, 1e-9), 3)
    return figures


@contextmanager
def _stage(budget: Budget, stage: str, size: int, runs: int = 1):
    started = time.perf_counter()
    yield
    budget.record(stage, size, time.perf_counter() - started, runs)


def per_playbook(seconds: float | None, size: int) -> str:
    return "" if seconds is None else f"{1000 * seconds / size:.0f} ms/pb"


def table(results: list[dict]) -> str:
    """Rows: what was measured; columns: corpus sizes. Each cell: median and per playbook."""
    rows: list[tuple[str, list[str]]] = []

    def add(label: str, stage: str, get) -> None:
        cells = []
        for r in results:
            try:
                value = get(r)
            except (KeyError, TypeError):
                reason = r.get("skipped", {}).get(stage)
                value = f"skipped ({reason})" if reason else None
            cells.append(value or "—")
        rows.append((label, cells))

    def secs(path):
        def get(r: dict) -> str:
            value = path(r)
            return f"{value:.2f} s ({per_playbook(value, r['playbooks'])})"

        return get

    def ratio(key: str):
        return lambda r: f"{r['build'][f'ratio_{key}']:.2f}× (CPU {r['build'][f'cpu_ratio_{key}']:.2f}×)"

    def serve(kind: str):
        def get(r: dict) -> str:
            served = r["serve"][kind]
            cpu = statistics.median(served.get("cpu") or [0.0])
            return f"{served['seconds']:.2f} s (CPU {cpu:.2f} s, {served['locale']})"

        return get

    def sample(r: dict) -> str:
        n = r["checklists"]["sampled_playbooks"]
        return f"{r['checklists']['pdfs']}" + (f" ({n} playbooks sampled)" if n else "")

    add("strings per catalog", "corpus", lambda r: str(r["strings_per_catalog"]))
    add("runs per figure (median)", "corpus", lambda r: str(r["runs"]))
    add("generate corpus", "corpus", secs(lambda r: r["corpus"]["seconds"]))
    add("crkb check, 4 catalogs", "check", secs(lambda r: r["check"]["crkb check"]["seconds"]))
    add("pofilter, 4 catalogs", "pofilter", secs(lambda r: r["check"]["pofilter"]["seconds"]))
    add("msgfmt --check, 4 catalogs", "check", secs(lambda r: r["check"]["msgfmt --check"]["seconds"]))
    add("site build, crkb, fresh checkout", "build", secs(lambda r: r["build"]["crkb"]["seconds"]))
    add("  PDFs in the built site", "build", lambda r: str(r["build"]["pdfs_in_site"]))
    add("site rebuild, nothing changed", "build", secs(lambda r: r["build"]["rebuild"]["seconds"]))
    add("site build, checklists off", "build", secs(lambda r: r["build"]["crkb_no_checklists"]["seconds"]))
    add("  the same, new machine (no user cache)", "build", secs(lambda r: r["build"]["crkb_new_machine"]["seconds"]))
    add("site build, bare (same pages, PDFs)", "build", secs(lambda r: r["build"]["bare"]["seconds"]))
    add("ratio fresh / bare (goal ≤ 1.5)", "build", ratio("crkb"))
    add("ratio rebuild / bare (goal ≤ 1.15)", "build", ratio("rebuild"))
    add("ratio checklists off / bare (goal ≤ 1.3)", "build", ratio("crkb_no_checklists"))
    add("  the same, new machine", "build", ratio("crkb_new_machine"))
    add(
        "CPU s: fresh / rebuild / bare",
        "build",
        lambda r: " / ".join(f"{r['build'][k]['cpu_seconds']:.1f}" for k in ("crkb", "rebuild", "bare")),
    )
    add("crkb checklists: PDFs", "checklists", sample)
    add(
        "crkb checklists: per PDF, all cores / one",
        "checklists",
        lambda r: "{:.0f} ms / {:.0f} ms".format(
            1000 * r["checklists"]["seconds_per_pdf"], 1000 * r["checklists"]["seconds_per_pdf_one_job"]
        ),
    )
    add(
        "  CPU per PDF, all cores / one",
        "checklists",
        lambda r: "{:.0f} ms / {:.0f} ms".format(
            1000 * r["checklists"]["fresh"]["cpu_seconds"] / max(r["checklists"]["pdfs"], 1),
            1000 * r["checklists"]["fresh_one_job"]["cpu_seconds"] / max(r["checklists"]["pdfs"], 1),
        ),
    )
    add(
        "crkb checklists: rerun, unchanged",
        "checklists",
        lambda r: f"{r['checklists']['unchanged_rerun']['seconds']:.2f} s",
    )
    add(
        "trainer pack, one locale: made again",
        "checklists",
        lambda r: "{:.2f} s ({} pages)".format(
            r["checklists"]["pack"]["rebuilt"]["seconds"], r["checklists"]["pack"]["pages"] + 1
        ),
    )
    add("trainer pack: the join alone", "checklists", lambda r: f"{r['checklists']['pack']['join']['seconds']:.2f} s")
    add("crkb serve -l L: save .po → page", "crkb serve", serve("crkb serve"))
    add("mkdocs serve, all languages: same", "mkdocs serve", serve("mkdocs serve"))
    add(
        "peak MB: crkb check / pofilter",
        "check",
        lambda r: "{:.0f} / {}".format(
            r["check"]["crkb check"]["peak_mb"],
            f"{r['check']['pofilter']['peak_mb']:.0f}" if "pofilter" in r["check"] else "—",
        ),
    )
    add(
        "peak MB: site build fresh / bare",
        "build",
        lambda r: f"{r['build']['crkb']['peak_mb']:.0f} / {r['build']['bare']['peak_mb']:.0f}",
    )
    add("peak MB: crkb checklists", "checklists", lambda r: f"{r['checklists']['fresh']['peak_mb']:.0f}")
    add(
        "peak MB: pack made again / join alone",
        "checklists",
        lambda r: "{:.0f} / {:.0f}".format(
            r["checklists"]["pack"]["rebuilt"]["peak_mb"], r["checklists"]["pack"]["join"]["peak_mb"]
        ),
    )
    header = ["", *(f"{r['playbooks']} playbooks" for r in results)]
    widths = [
        max(len(header[i]), *(len(row[1][i - 1]) if i else len(row[0]) for row in rows)) for i in range(len(header))
    ]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines.append("-|-".join("-" * w for w in widths))
    for label, cells in rows:
        lines.append(" | ".join(c.ljust(w) for c, w in zip([label, *cells], widths)))
    return "\n".join(lines)


def goals(results: list[dict]) -> str:
    """The issue's goals, each with the figure this run measured (— where it did not)."""
    by_size = {r["playbooks"]: r for r in results}

    def build(size: int, key: str) -> dict | None:
        return by_size.get(size, {}).get("build", {}).get(key)

    lines = []
    small, large = build(50, "bare"), build(500, "bare")
    if small and large:
        wall, cpu = large["seconds"] / small["seconds"], large["cpu_seconds"] / small["cpu_seconds"]
        lines.append(f"bare build growth 50 → 500 (goal ≤ 12×): {wall:.1f}× wall, {cpu:.1f}× CPU")
    for key, label, goal in (("crkb", "fresh build", 1.5), ("rebuild", "rebuild, nothing changed", 1.15)):
        cells = [
            f"{size}: {b[f'ratio_{key}']:.2f}× (CPU {b[f'cpu_ratio_{key}']:.2f}×)"
            for size, r in sorted(by_size.items())
            if (b := r.get("build")) and f"ratio_{key}" in b
        ]
        if cells:
            lines.append(f"{label} ÷ bare (goal ≤ {goal}×): " + ", ".join(cells))
    if big := build(500, "crkb"):
        lines.append(f"peak memory of the build at 500 (goal ≤ 1024 MB): {big['peak_mb']:.0f} MB")
    served = [
        f"{size}: {s['seconds']:.2f} s (CPU {statistics.median(s['cpu']):.2f} s)"
        for size, r in sorted(by_size.items())
        if (s := r.get("serve", {}).get("crkb serve"))
    ]
    if served:
        lines.append("save a .po → page shows it, crkb serve (goal ≤ 1.5 s at 4, ≤ 3 s at 50): " + ", ".join(served))
    return "\n".join(lines)


def detection_table(found: dict) -> str:
    tools = list(found["detected"])
    kinds = [f["kind"] for f in found["faults"]]
    width = max(len(k) for k in [*kinds, "reports on the clean corpus"])
    lines = [" | ".join(["problem injected".ljust(width), *tools])]
    for kind in kinds:
        marks = ["yes" if found["detected"][t][kind] else "—" for t in tools]
        lines.append(" | ".join([kind.ljust(width), *(m.ljust(len(t)) for m, t in zip(marks, tools))]))
    counts = [f"{found['kinds_detected'][t]}/{len(kinds)}" for t in tools]
    lines.append(" | ".join(["kinds detected".ljust(width), *(c.ljust(len(t)) for c, t in zip(counts, tools))]))
    noise = [str(sum(found["reports_on_clean_corpus"][t].values())) for t in tools]
    lines.append(
        " | ".join(["reports on the clean corpus".ljust(width), *(n.ljust(len(t)) for n, t in zip(noise, tools))])
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="4,50,500", help="playbook counts, comma-separated (default 4,50,500)")
    parser.add_argument("--quick", action="store_true", help="sizes 4,50, one run each, one serve edit")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3 at 4 playbooks, 1 above)")
    parser.add_argument(
        "--build-runs",
        type=int,
        default=None,
        help="rounds of the bare build and the builds with checklists off, taken in turn (default: --runs)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edits", type=int, default=None, help="catalog edits timed under crkb serve (default 3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=0,
        help="seconds; skip a stage predicted to overrun it (default 0: no limit, run everything)",
    )
    parser.add_argument("--serve-max", type=int, default=50, help="largest size at which to time crkb serve")
    parser.add_argument(
        "--serve-all-max",
        type=int,
        default=4,
        help="largest size at which to time mkdocs serve of every language, for comparison (default 4)",
    )
    parser.add_argument(
        "--pages-only-max",
        type=int,
        default=50,
        help="largest size at which to time the build with checklists off too (default 50)",
    )
    parser.add_argument(
        "--pofilter-max", type=int, default=50, help="largest size at which to time pofilter (default 50)"
    )
    parser.add_argument("--all-checklists", action="store_true", help="every PDF even above 50 playbooks")
    parser.add_argument("--out", type=Path, default=HERE / "results.json", help="JSON results file")
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpora and outputs in this folder")
    parser.add_argument(
        "--search",
        action="store_true",
        help="instead: type the search query set (bench/search/) into crkb's and Material's stock search",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop children and clean up on kill
    if args.quick:
        args.sizes, args.runs, args.edits = "4,50", args.runs or 1, 1
    if args.search:
        from .search.run import main as search_main

        return search_main(args)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if shutil.which("msgfmt") is None:
        parser.error("msgfmt not found: apt-get install gettext")
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"{time.perf_counter() - started:7.1f}s  {message}", file=sys.stderr, flush=True)

    work = args.keep or Path(tempfile.mkdtemp(prefix="crkb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    budget = Budget(args.budget, started)
    results, found = [], {}
    try:
        small = min(sizes) if min(sizes) <= 50 else 4  # three tools, three times: keep it small
        if small not in sizes:
            corpus = [sys.executable, "-m", "bench.corpus", str(work / f"corpus-{small}")]
            run([*corpus, "--playbooks", str(small), "--seed", str(args.seed)], cwd=REPO)
        for size in sorted(sizes):
            results.append(measure_size(size, args, work, budget, log))
            if not found and (work / f"corpus-{small}").is_dir():
                log(f"detection: one problem of each kind, three tools, {small} playbooks")
                found = compare(work / f"corpus-{small}", work / "detect")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started
    data = {
        "taken": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "seed": args.seed,
        "total_seconds": round(total, 1),
        "sizes": results,
        "budget_seconds": args.budget,
        "detection": {"corpus_playbooks": small, **found},
    }
    args.out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print()
    print(goals(results))
    print()
    print(detection_table(found))
    print(f"\ntotal {total:.0f} s; results in {args.out}")
    return 0
