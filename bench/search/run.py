"""`python -m bench --search`: the query set typed into the site's search box, per language.

1. The repository's site is built with crkb's search (lemmas; and, for comparison, lemmas
   with full paradigms, Snowball stems and no reduction) and with Material's stock search
   over the same pages; each query of queries.yml is typed key by key on the home page of
   its language in headless Chromium. Reported per language: top-3 recall, how many
   `ranking` queries bring the playbook first, results in another language (among those
   shown), time from the last key to the first results.
2. At 50 playbooks (bench/corpus.py), the time from the last key to the first results for
   the glossary's terms, crkb and stock.
3. The index size per language at each corpus size (--sizes; 4, 50, 500 by default).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from crkb.locales import locales_from, translated_locales
from crkb.project import Project
from crkb.search import site_languages

from ..measure import run
from .browser import Browser
from .sites import build_crkb, build_stock, copy_project

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
VARIANTS = ("lemmas", "paradigms", "stems", "surface")
LATENCY_PLAYBOOKS = 50
LATENCY_QUERIES = 6  # per language: the first glossary terms


@dataclass(frozen=True)
class Query:
    locale: str
    query: str
    expect: str
    kind: str


def load_queries(mkdocs_yml: Path = REPO / "mkdocs.yml") -> list[Query]:
    """The public query set, in the order of the site's locales."""
    data = yaml.safe_load((HERE / "queries.yml").read_text(encoding="utf-8"))
    return [Query(loc, **q) for loc in locales_from(mkdocs_yml) for q in data.get(loc) or []]


def prefixes(root: Path) -> dict[str, str]:
    return {lang.locale: lang.prefix for lang in site_languages(Project(root), root / "mkdocs.yml")}


def type_queries(site: Path, queries: list[Query], where: dict[str, str], log) -> list[dict]:
    """Each query on its language's home page: the result pages, rank of the expected one."""
    rows = []
    others = [p for p in where.values() if p]
    with Browser(site) as browser:
        for locale in dict.fromkeys(q.locale for q in queries):
            prefix = where[locale]
            browser.open(prefix)
            for q in (q for q in queries if q.locale == locale):
                found = browser.search(q.query)
                pages = [p.removeprefix(prefix) for p in found.pages if p.startswith(prefix)]
                wrong = [
                    p for p in found.pages if not p.startswith(prefix) or (not prefix and p.startswith(tuple(others)))
                ]
                target = f"playbooks/{q.expect}/"
                rank = pages.index(target) + 1 if target in pages else None
                rows.append({**q.__dict__, "rank": rank, "wrong": len(wrong), "ms": found.ms, "top": found.pages[:3]})
            mine = [r for r in rows if r["locale"] == locale]
            hits = sum(1 for r in mine if r["rank"] and r["rank"] <= 3)
            log(f"  {locale}: {hits}/{len(mine)} in the top 3")
        hosts = sorted(browser.hosts)
    return [*rows, {"hosts": hosts}]


def summary(rows: list[dict]) -> dict[str, dict]:
    per: dict[str, dict] = {}
    for locale in dict.fromkeys(r["locale"] for r in rows if "locale" in r):
        mine = [r for r in rows if r.get("locale") == locale]
        ranking = [r for r in mine if r["kind"] == "ranking"]
        times = [r["ms"] for r in mine if r["ms"] is not None]
        per[locale] = {
            "queries": len(mine),
            "top3": sum(1 for r in mine if r["rank"] and r["rank"] <= 3),
            "recall": round(sum(1 for r in mine if r["rank"] and r["rank"] <= 3) / len(mine), 3),
            "ranking_first": f"{sum(1 for r in ranking if r['rank'] == 1)}/{len(ranking)}",
            "wrong_language": sum(r["wrong"] for r in mine),
            "ms_median": round(statistics.median(times), 1) if times else None,
            "missed": [r["query"] for r in mine if not (r["rank"] and r["rank"] <= 3)],
        }
    return per


def index_sizes(site: Path, locales: list[str]) -> dict[str, int]:
    sizes = {}
    for locale in locales:
        folder = site / "search" / locale
        sizes[locale] = sum(f.stat().st_size for f in folder.glob("*.json")) if folder.is_dir() else 0
    return sizes


def latency(work: Path, seed: int, log) -> dict:
    """Last key → first results at LATENCY_PLAYBOOKS playbooks, for the glossaries' terms."""
    from crkb.search.glossary import read_concepts

    root = work / f"corpus-{LATENCY_PLAYBOOKS}"
    cmd = [sys.executable, "-m", "bench.corpus", str(root), "--playbooks", str(LATENCY_PLAYBOOKS)]
    run([*cmd, "--seed", str(seed)], cwd=REPO)
    project = Project(root)
    queries = []
    translated = translated_locales(project.mkdocs_yml)
    for locale in locales_from(project.mkdocs_yml):
        source = locale not in translated  # its terms: the English side of any glossary
        glossary = project.glossary(translated[0] if source else locale)
        for concept in read_concepts(glossary, glossary.name, source=source)[:LATENCY_QUERIES]:
            queries.append(Query(locale, concept.term, "", "latency"))
    where = prefixes(root)
    result = {}
    for name, build in (
        ("crkb", lambda s: build_crkb(root, s)),
        ("stock", lambda s: build_stock(root, work, s)),
    ):
        site = work / f"latency-{name}"
        build(site)
        log(f"latency at {LATENCY_PLAYBOOKS} playbooks: {name}")
        rows = [r for r in type_queries(site, queries, where, log) if "ms" in r]
        times = sorted(r["ms"] for r in rows if r["ms"] is not None)
        result[name] = {
            "median_ms": round(statistics.median(times), 1) if times else None,
            "max_ms": round(times[-1], 1) if times else None,
            "no_results": sum(1 for r in rows if r["ms"] is None),
            "queries": len(rows),
        }
    return result


def sizes_at(sizes: list[int], work: Path, seed: int, log) -> dict:
    """Bytes of each language's index and word table, and of Material's merged index (stock)."""
    found = {}
    for size in sizes:
        root = work / f"corpus-sizes-{size}"
        cmd = [sys.executable, "-m", "bench.corpus", str(root), "--playbooks", str(size), "--seed", str(seed)]
        run(cmd, cwd=REPO)
        log(f"index sizes at {size} playbooks")
        site = work / f"sizes-{size}"
        seconds = build_crkb(root, site)
        locales = locales_from(root / "mkdocs.yml")
        entry = {"crkb": index_sizes(site, locales), "crkb_build_s": round(seconds, 2)}
        words = {loc: (site / "search" / loc / "words.json").stat().st_size for loc in locales}
        entry["words_json"] = words
        stock_site = work / f"sizes-{size}-stock"
        build_stock(root, work, stock_site)
        entry["stock_merged"] = (stock_site / "search" / "search_index.json").stat().st_size
        found[size] = entry
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(stock_site, ignore_errors=True)
    return found


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def tables(data: dict) -> str:
    lines = []
    recall = data["recall"]
    names = list(recall)
    locales = list(recall[names[0]]["summary"])
    head = ["language", *(f"{n}: top-3 / wrong lang." for n in names)]
    lines.append(" | ".join(head))
    lines.append("|".join("---" for _ in head))
    for loc in locales:
        cells = [loc]
        for n in names:
            s = recall[n]["summary"][loc]
            cells.append(f"{s['top3']}/{s['queries']} ({100 * s['recall']:.0f} %) / {s['wrong_language']}")
        lines.append(" | ".join(cells))
    lines.append("")
    lines.append(
        "ranking queries first: "
        + "; ".join(
            f"{n}: " + ", ".join(f"{loc} {recall[n]['summary'][loc]['ranking_first']}" for loc in locales)
            for n in names
        )
    )
    if "latency" in data:
        lines.append("")
        lines.append(
            f"last key → first results at {LATENCY_PLAYBOOKS} playbooks (median / max): "
            + "; ".join(f"{n} {v['median_ms']} / {v['max_ms']} ms" for n, v in data["latency"].items())
        )
    if "sizes" in data:
        lines.append("")
        sizes = data["sizes"]
        lines.append(" | ".join(["index per language (index + words)", *(f"{s} playbooks" for s in sizes)]))
        lines.append("|".join("---" for _ in range(len(sizes) + 1)))
        for loc in next(iter(sizes.values()))["crkb"]:
            row = [loc, *(f"{kb(v['crkb'][loc])} ({kb(v['words_json'][loc])} words)" for v in sizes.values())]
            lines.append(" | ".join(row))
        lines.append(
            " | ".join(["stock: merged index, all languages", *(kb(v["stock_merged"]) for v in sizes.values())])
        )
    return "\n".join(lines)


def main(args) -> int:
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"{time.perf_counter() - started:7.1f}s  {message}", file=sys.stderr, flush=True)

    work = args.keep or Path(tempfile.mkdtemp(prefix="crkb-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    data: dict = {"taken": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "recall": {}}
    try:
        root = copy_project(work / "project")
        queries = load_queries(root / "mkdocs.yml")
        where = prefixes(root)
        for words in VARIANTS:
            site = work / f"site-{words}"
            log(f"crkb search ({words}): building the site")
            build_crkb(root, site, words)
            rows = type_queries(site, queries, where, log)
            data["recall"][f"crkb {words}"] = {"summary": summary(rows), "rows": rows}
        log("Material's stock search: building the same pages")
        build_stock(root, work, work / "site-stock")
        rows = type_queries(work / "site-stock", queries, where, log)
        data["recall"]["stock"] = {"summary": summary(rows), "rows": rows}
        data["latency"] = latency(work, args.seed, log)
        if sizes:
            data["sizes"] = sizes_at(sizes, work, args.seed, log)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    data["total_seconds"] = round(time.perf_counter() - started, 1)
    out = args.out if args.out != HERE.parent / "results.json" else HERE / "results.json"
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(tables(data))
    print(f"\ntotal {data['total_seconds']:.0f} s; results in {out}")
    return 0
