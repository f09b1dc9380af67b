"""Work a one-shot build does beside MkDocs, in another process: the same answers as in one process.

A child that dies or fails must cost only time (the parent does the work), and a
strict build must still fail on what the catalog check found in the child.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from crkb import beside, lemmas, rendercache, translations
from crkb.beside import Apart, Beside
from crkb.mkdocs_plugin import CrkbConfig, catalog_problems, check_and_look_up, checked_locales
from crkb.project import Project
from crkb.render.pages import Options, site_pages
from crkb.rendercache import RenderedPages
from crkb.search import look_up_words, site_languages
from crkb.search.keys import Keys
from crkb.search.reduce import reducer_for
from crkb.search.text import plain_text
from crkb.site import SiteData
from safety_project import REPO, build_site, fill_catalogs, make_project, translate_everywhere

needs_fork = pytest.mark.skipif(not beside.worthwhile(1), reason="no fork here, or one core")
needs_spare_core = pytest.mark.skipif(not beside.spare_core(), reason="one core: the build checks in its own process")


def forking(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the children started (and let them start even beside a thread pytest left)."""
    started: list[int] = []
    monkeypatch.setattr(beside.threading, "active_count", lambda: 1)
    real = Beside.__init__

    def counted(self, job):
        real(self, job)
        started.append(self._process.pid)

    monkeypatch.setattr(Beside, "__init__", counted)
    return started


@needs_fork
def test_work_done_beside_comes_back_from_another_process() -> None:
    assert Beside(os.getpid).result() != os.getpid()


def _dies_unless_in(pid: int) -> int:
    if os.getpid() != pid:
        os._exit(9)  # killed, as by the out-of-memory killer
    return pid


def _fails_unless_in(pid: int) -> int:
    if os.getpid() != pid:
        raise MemoryError
    return pid


def _answer_of_size(n: int) -> tuple[int, str]:
    return os.getpid(), "x" * n


def test_work_done_apart_comes_back_from_a_fresh_process_however_large() -> None:
    """A large answer must not keep the child waiting (and holding its memory) to be read."""
    pid, answer = Apart(_answer_of_size, 5_000_000).result()
    assert pid != os.getpid() and len(answer) == 5_000_000


@pytest.mark.parametrize("job", [_dies_unless_in, _fails_unless_in])
def test_a_process_apart_that_dies_or_fails_leaves_the_work_to_this_one(job, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert Apart(job, os.getpid()).result() == os.getpid()
    assert list(tmp_path.iterdir()) == [], "the answer's file was left behind"


@needs_fork
def test_a_child_that_dies_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def job() -> int:
        if os.getpid() != parent:
            os._exit(9)  # killed, as by the out-of-memory killer
        return parent

    assert Beside(job).result() == parent


@needs_fork
def test_a_child_whose_work_fails_leaves_it_to_this_process() -> None:
    parent = os.getpid()

    def job() -> str:
        if os.getpid() != parent:
            raise MemoryError
        return "done here"

    assert Beside(job).result() == "done here"


def test_no_child_for_a_large_site_on_macos_or_beside_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not beside.worthwhile(beside.MAX_STRINGS + 1)
    with monkeypatch.context() as patched:
        patched.setattr(beside.sys, "platform", "darwin")
        assert not beside.worthwhile(1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not beside.worthwhile(1)
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_pages_made_beside_are_the_pages_made_in_one_process(site_data, monkeypatch: pytest.MonkeyPatch) -> None:
    started = forking(monkeypatch)
    monkeypatch.setattr(rendercache, "BESIDE_MIN_PAGES", 1)
    options = Options(True, "https://example.org/contribute", "", site_data.site_url, directory_urls=True)
    made = RenderedPages().pages(site_data, options)
    assert started, "the pages were all made in this process"
    assert made == {path.as_posix(): text for path, text in site_pages(site_data, options).items()}


@needs_fork
def test_site_problems_worked_out_beside_are_those_worked_out_here(
    site_data, empty_word_cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = forking(monkeypatch)
    monkeypatch.setattr(translations, "BESIDE_MIN", 1)
    monkeypatch.setattr(translations, "_WORKED_OUT", {})
    monkeypatch.setattr(translations, "_KEPT", [])
    hostile = Catalog(locale="cs")
    for unit in site_data.inputs.units[:2]:  # one pair for each process
        hostile.add(unit.msgid, "<img src=x onerror=alert(1)>", context=unit.id)
    translations.work_out_beside(site_data.inputs.units, [*site_data.catalogs.values(), hostile])
    assert started and translations._WORKED_OUT, "no pair was worked out beside"
    for (source, translation), found in translations._WORKED_OUT.items():
        assert found == translations._work_out(source, translation)
    assert any(t.startswith("<img") and found for (_, t), found in translations._WORKED_OUT.items())


@pytest.mark.slow
@needs_spare_core
def test_a_strict_build_fails_on_what_the_check_apart_from_it_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    started: list[str] = []
    real = Apart.__init__
    monkeypatch.setattr(Apart, "__init__", lambda self, f, *args: started.append(f.__name__) or real(self, f, *args))
    root = make_project(tmp_path / "project")
    fill_catalogs(root)
    translate_everywhere(root, "ui.site.name", "Shop <img src=x onerror=alert(1)>")
    caplog.set_level(logging.INFO)
    built = build_site(root, tmp_path / "site", strict=True)
    assert started == ["check_and_look_up"], "the catalogs were checked in this process"
    assert built.site is None and "strict mode" in str(built.error)
    assert any("[unsafe]" in r.getMessage() and "crkb.po:" in r.getMessage() for r in caplog.records)


@pytest.fixture
def empty_word_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A machine that has looked up no word yet; the reducers made here are dropped afterwards."""
    monkeypatch.setenv("CRKB_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.setattr(lemmas, "_MADE", {})
    reducer_for.cache_clear()
    yield
    reducer_for.cache_clear()


def test_the_words_looked_up_beside_the_build_are_every_word_the_search_step_needs(
    site_data, site_dir: Path, empty_word_cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else the search step, after MkDocs, opens simplemma's dictionaries on a new machine."""
    defaults = {name: option.default for name, option in CrkbConfig._schema}
    options = Options(True, defaults["contribute_url"], defaults["report_url"], site_data.site_url, True)
    look_up_words(RenderedPages().pages(site_data, options), REPO / "mkdocs.yml")
    monkeypatch.setattr(lemmas, "_MADE", {})  # what a new process finds: the cache file
    reducer_for.cache_clear()
    asked: list[str] = []
    real = lemmas.Lemmatizer._lookup
    monkeypatch.setattr(lemmas.Lemmatizer, "_lookup", lambda self, word: asked.append(word) or real(self, word))
    for lang in site_languages(Project(REPO), REPO / "mkdocs.yml"):
        keys = Keys(reducer_for(lang.locale), lang.concepts)
        entries = json.loads((site_dir / "search" / lang.locale / "index.json").read_text(encoding="utf-8"))["docs"]
        assert entries, f"no search entries for {lang.locale}"
        for entry in entries:
            keys.of(plain_text(entry.get("title") or ""))
            keys.of(plain_text(entry.get("text") or ""))
        keys.table()
    assert asked == []


def test_the_check_apart_from_the_build_reports_what_the_build_would_itself(tmp_path: Path) -> None:
    """One language at a time, from disk, in a fresh process: the same lines, in the same order."""
    root = make_project(tmp_path / "project")
    fill_catalogs(root)
    translate_everywhere(root, "ui.site.name", "Shop <img src=x onerror=alert(1)>")
    project = Project(root)
    data = SiteData.load(project)
    changed = [loc.code for loc in data.locales]
    here = catalog_problems(project, data, changed)
    translated, lenient = checked_locales(data, changed)
    apart = Apart(check_and_look_up, project, translated, lenient, {})
    assert apart._process.pid != os.getpid()
    assert apart.result() == here
    assert all(any("[unsafe]" in line for _, line in here[code]) for code in translated)


def test_work_that_cannot_be_started_apart_is_done_here_and_leaves_no_file(tmp_path, monkeypatch) -> None:
    """No space in the temporary folder for the request: the build goes on, in this process."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    made = iter([beside._private_file(".answer")])

    def full(suffix: str) -> str:
        path = next(made, None)
        if path is None:
            raise OSError(28, "No space left on device")
        return path

    monkeypatch.setattr(beside, "_private_file", full)
    apart = Apart(_answer_of_size, 3)
    assert apart.result() == (os.getpid(), "xxx")
    assert list(tmp_path.iterdir()) == []


def test_a_process_apart_whose_asker_has_gone_writes_no_answer(tmp_path: Path) -> None:
    """A build stopped by a signal (a CI timeout) must not leave the answer behind."""
    answer = tmp_path / "crkb-apart-x.answer"
    answer.touch()
    beside._answer_into(_answer_of_size, (3,), str(answer), asker=-1)
    assert not answer.exists()
    beside._answer_into(_answer_of_size, (3,), str(answer), asker=os.getppid())
    assert answer.stat().st_size > 0
