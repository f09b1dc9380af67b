"""The measured stages: check, site build (with and without crkb), checklists, mkdocs serve."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from crkb.locales import site_config
from crkb.project import Project

from .corpus import Corpus
from .detect import set_msgstr
from .measure import ENV, Run, Timing, interleaved, repeat, run, tool, tree_cpu_seconds

REPO = Path(__file__).resolve().parent.parent

# --- 1. Checking the catalogs ---------------------------------------------------------------------


def _sequence(cmds: list[list[str]]) -> Run:
    """Several processes one after the other, as one run: times and CPU add up, peak is the largest."""
    runs = [run(cmd, check=False) for cmd in cmds]
    return Run(
        sum(r.seconds for r in runs),
        max(r.peak_mb for r in runs),
        max(r.returncode for r in runs),
        "".join(r.stdout for r in runs),
        "".join(r.stderr for r in runs),
        sum(r.cpu_seconds for r in runs),
    )


def check_times(corpus: Corpus, runs: int, work: Path, pofilter: bool = True) -> dict[str, Timing]:
    """`crkb check`, `pofilter` (unless left out) and `msgfmt --check` over the translated catalogs."""
    project = corpus.project
    translated = corpus.locales[1:]  # the source language first
    out = work / "pofilter"
    out.mkdir(parents=True, exist_ok=True)

    def crkb() -> Run:
        result = run([tool("crkb"), "--root", str(corpus.root), "check"], check=False)
        if result.returncode != 0:
            raise RuntimeError(f"crkb check is not clean on the synthetic corpus:\n{result.stdout[-3000:]}")
        return result

    filters = [
        [
            tool("pofilter"),
            "--progress=none",
            f"--language={loc}",
            "-i",
            str(project.catalog(loc)),
            "-o",
            str(out / f"{loc}.po"),
        ]
        for loc in translated
    ]
    msgfmt = [["msgfmt", "--check", "--statistics", "-o", os.devnull, str(project.catalog(loc))] for loc in translated]
    timings = {"crkb check": repeat(runs, crkb)}
    if pofilter:
        timings["pofilter"] = repeat(runs, lambda: _sequence(filters))
    timings["msgfmt --check"] = repeat(runs, lambda: _sequence(msgfmt))
    return timings


# --- 2. The site, with crkb generating the pages and bare ----------------------------------------


def build_times(corpus: Corpus, runs: int, work: Path, pages_only: bool = True, build_runs: int | None = None) -> dict:
    """`mkdocs build` of the corpus as configured from a fresh checkout (no `.cache/`), then
    again with nothing changed; then, in turn for `build_runs` rounds, a bare MkDocs build of
    the same pages and PDFs (written to disk, without the crkb plugin) and, optionally, the
    fresh build with crkb's checklists off, on this machine and on a new one."""
    site = work / "site-crkb"
    config = corpus.root / "mkdocs.yml"

    def build(cfg: Path, env: dict | None = None) -> Run:
        return run([tool("mkdocs"), "build", "-q", "-f", str(cfg), "-d", str(site)], env=env)

    def new_machine() -> dict:
        """An empty user cache folder: no word crkb looked up before, no build-record secret."""
        folder = Path(tempfile.mkdtemp(prefix="user-cache-", dir=work))
        return {"XDG_CACHE_HOME": str(folder), "CRKB_CACHE_DIR": str(folder / "crkb")}

    timings = {}
    timings["crkb build"] = repeat(runs, lambda: build(config), before=corpus.remove_generated)
    timings["crkb rebuild, unchanged"] = repeat(runs, lambda: build(config))  # .cache/ as the build left it
    pdfs = len(list(site.rglob("*.pdf")))
    pages = len(list(site.rglob("*.html")))
    bare = _bare_copy(corpus, work / "bare")
    bare_build = [tool("mkdocs"), "build", "-q", "-f", str(bare / "mkdocs.yml"), "-d", str(work / "site-bare")]
    steps: dict = {"bare build": (lambda: run(bare_build), None)}
    if pages_only and _plugin_option("checklists"):
        variant = _variant(config)
        steps["crkb build, no checklists"] = (lambda: build(variant), corpus.remove_generated)
        steps["crkb build, no checklists, new machine"] = (
            lambda: build(variant, new_machine()),
            corpus.remove_generated,
        )
    timings.update(interleaved(build_runs or runs, steps))
    return {**timings, "html_pages": pages, "pdfs_in_site": pdfs}


def _plugin_option(name: str) -> bool:
    from crkb.mkdocs_plugin import CrkbConfig

    return any(key == name for key, _ in CrkbConfig._schema)


def _variant(config: Path) -> Path:
    """The corpus's mkdocs.yml with `checklists: false` for the crkb plugin, written beside it
    (the plugin finds the project from the config file's folder)."""
    text = config.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^(\s*)-\s*crkb\s*$", r"\1- crkb:\n\1    checklists: false", text)
    if n != 1:
        raise RuntimeError("could not find the crkb plugin in mkdocs.yml")
    variant = config.parent / ".bench-no-checklists.yml"
    variant.write_text(text, encoding="utf-8")
    return variant


def _bare_copy(corpus: Corpus, bare: Path) -> Path:
    """The corpus's docs/ plus every page crkb generates and every PDF its build laid out,
    as plain files, with mkdocs.yml minus the crkb plugin and its navigation spelled out."""
    import yaml
    from crkb.mkdocs_plugin import CACHE, CrkbConfig, navigation
    from crkb.render.pages import Options, site_pages
    from crkb.site import SiteData

    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(corpus.root / "docs", bare / "docs")
    data = SiteData.load(Project(corpus.root))
    defaults = {name: option.default for name, option in CrkbConfig._schema}
    options = Options(True, defaults["contribute_url"], defaults["report_url"], data.site_url, directory_urls=True)
    for path, text in site_pages(data, options).items():
        target = bare / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for pdf in (corpus.root / CACHE).glob("*.pdf"):  # <name>.<locale>.pdf: static-i18n's suffix layout
        (bare / "docs" / "checklists").mkdir(exist_ok=True)
        shutil.copy(pdf, bare / "docs" / "checklists" / pdf.name)
    config = (corpus.root / "mkdocs.yml").read_text(encoding="utf-8")
    config, removed = re.subn(r"(?m)^\s*-\s*crkb\s*(?:#.*)?\n", "", config)
    if removed != 1:
        raise RuntimeError("could not find the crkb plugin in mkdocs.yml to remove it")
    config += "\n" + yaml.safe_dump({"nav": navigation(data, pdfs=True)}, allow_unicode=True)
    (bare / "mkdocs.yml").write_text(config, encoding="utf-8")
    for watched in site_config(bare / "mkdocs.yml").get("watch") or []:
        (bare / watched).mkdir(parents=True, exist_ok=True)  # must exist; empty, nothing to watch
    custom_dir = (site_config(bare / "mkdocs.yml").get("theme") or {}).get("custom_dir")
    if custom_dir:  # the theme's overrides are part of the same pages
        shutil.copytree(corpus.root / custom_dir, bare / custom_dir)
    return bare


# --- 3. Checklists --------------------------------------------------------------------------------


def checklist_times(corpus: Corpus, runs: int, work: Path, sample: int | None) -> dict:
    """`crkb checklists` into an empty folder on every core and on one (`--jobs 1`), then once more
    into the full folder (nothing changed); and one locale's trainer pack with every playbook."""
    out = work / "checklists"
    cmd = [tool("crkb"), "--root", str(corpus.root), "checklists", "--out", str(out)]
    ids = sorted(p.stem for p in corpus.project.playbooks.glob("*.yml"))
    if sample is not None and sample < len(ids):
        for ident in ids[:sample]:
            cmd += ["-p", ident]

    def empty() -> None:
        shutil.rmtree(out, ignore_errors=True)

    serial = repeat(runs, lambda: run([*cmd, "--jobs", "1"]), before=empty)
    fresh = repeat(runs, lambda: run(cmd), before=empty)
    count = len(list(out.rglob("*.pdf")))
    again = repeat(1, lambda: run(cmd))
    return {
        "fresh": fresh,
        "fresh, one job": serial,
        "unchanged rerun": again,
        "pdfs": count,
        "sampled_playbooks": sample,
        **pack_times(corpus, runs, work / "pack"),
    }


def pack_times(corpus: Corpus, runs: int, out: Path) -> dict:
    """One locale's checklists, every playbook; then its trainer pack made again alone (the checklists
    unchanged), as `crkb checklists` does it, and the join alone (`python -m bench.pack`)."""
    locale = corpus.locales[-1]
    cmd = [tool("crkb"), "--root", str(corpus.root), "checklists", "-l", locale, "--out", str(out)]
    shutil.rmtree(out, ignore_errors=True)
    one_locale = run(cmd)
    pack = out / locale / "trainer-pack.pdf"
    rebuilt = repeat(runs, lambda: run(cmd), before=lambda: pack.unlink(missing_ok=True))
    join = repeat(runs, lambda: run([sys.executable, "-m", "bench.pack", str(out / locale)], cwd=REPO))
    return {
        "pack_locale": locale,
        "one locale, all playbooks": Timing([one_locale]),
        "pack rebuilt": rebuilt,
        "pack join": join,
        "pack_pages": len(list((out / locale).glob("*.pdf"))),
        "pack_mb": round(pack.stat().st_size / 1e6, 1),
    }


# --- 4. Previews: from saving a catalog to the page showing the edit ----------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def serve_command(kind: str, corpus: Corpus, locale: str, address: str) -> list[str]:
    """`mkdocs serve` (every language, as configured) or `crkb serve -l <locale>` (one language)."""
    if kind == "mkdocs serve":
        return [tool("mkdocs"), "serve", "-f", str(corpus.root / "mkdocs.yml"), "-a", address]
    return [tool("crkb"), "--root", str(corpus.root), "serve", "--locale", locale, "-a", address]


def serve_times(corpus: Corpus, edits: int, work: Path, startup_timeout: float, kind: str) -> dict:
    """Start a preview server on a free loopback port, edit the first translated locale's
    catalog, poll that locale's page until it shows the edit."""
    from crkb.catalogs import read_catalog

    from .language import pseudo_word

    project = corpus.project
    locale = corpus.locales[1]
    catalog_path = project.catalog(locale)
    first = sorted(p.stem for p in project.playbooks.glob("*.yml") if p.stem != "topics")[0]
    context = f"{first}.title"
    title = next(m.string for m in read_catalog(catalog_path, locale) if m.context == context)
    port = _free_port()
    mount = urllib.parse.urlsplit(str(site_config(project.mkdocs_yml).get("site_url") or "/")).path
    url = f"http://127.0.0.1:{port}{mount.rstrip('/')}/{locale}/playbooks/{first}/"
    log = work / f"serve-{kind.split()[0]}.log"
    original = catalog_path.read_bytes()
    result: dict = {"command": kind, "locale": locale, "edits": [], "rebuilt": [], "cpu": []}
    with log.open("wb") as out:
        started = time.perf_counter()
        server = subprocess.Popen(
            serve_command(kind, corpus, locale, f"127.0.0.1:{port}"),
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so it is stopped with every child
        )
        try:
            page = _wait(lambda: _fetch(url) or _exited(server), startup_timeout)
            if server.poll() is not None:
                raise RuntimeError(f"{kind} stopped:\n" + log.read_text(errors="replace")[-2000:])
            if page is None:
                raise RuntimeError(
                    f"{kind} did not serve {url} within {startup_timeout:.0f}s:\n"
                    + log.read_text(errors="replace")[-2000:]
                )
            _wait(lambda: _reloads(log, "Serving on") > 0 or None, startup_timeout)
            result["startup_seconds"] = round(time.perf_counter() - started, 3)
            text = original.decode("utf-8")
            for n in range(1, edits + 1):
                marker = pseudo_word(f"edit{n}marker", locale) + pseudo_word(f"edit{n}", locale)
                reloads = _reloads(log)
                cpu = tree_cpu_seconds(server.pid)
                catalog_path.write_text(set_msgstr(text, context, f"{title} {marker}"), encoding="utf-8")
                saved = time.perf_counter()
                limit = max(60.0, startup_timeout)
                shown = _wait(lambda m=marker: ((p := _fetch(url)) is not None and m in p) or None, limit)
                if shown is None:
                    raise RuntimeError(f"the edit did not reach {url} within {limit:.0f}s")
                result["edits"].append(round(time.perf_counter() - saved, 3))
                done = _wait(lambda r=reloads: _reloads(log) > r or None, limit)
                result["rebuilt"].append(round(time.perf_counter() - saved, 3) if done else None)
                result["cpu"].append(round(tree_cpu_seconds(server.pid) - cpu, 3))  # the rebuild's CPU time
        finally:
            catalog_path.write_bytes(original)
            _stop(server)
    return result


def _wait(probe, timeout: float, every: float = 0.02):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(every)
    return None


def _exited(server: subprocess.Popen) -> bool:
    return server.poll() is not None


def _reloads(log: Path, line: str = "Reloading browsers") -> int:
    return log.read_text(encoding="utf-8", errors="replace").count(line)


def _stop(server: subprocess.Popen) -> None:
    """Stop the server we started (its own process group, by its id); kill it if it lingers."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)
