"""Facts the benchmarks rely on that do not depend on timing: inputs read once, no rescans,
and a synthetic corpus (bench/) that is deterministic and clean."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from crkb import catalogs as po_io
from crkb import yamlfile
from crkb.catalogs import catalog_bytes, read_catalog
from crkb.checks.run import check
from crkb.locales import translated_locales
from crkb.project import Project
from crkb.sync import update

from bench.corpus import make_corpus
from bench.detect import attribute, crkb_reports, inject, spans_of

REPO = Path(__file__).resolve().parent.parent
LOCALES = translated_locales(REPO / "mkdocs.yml")
ONE = LOCALES[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic project: 2 playbooks, every catalog fully translated."""
    root = tmp_path_factory.mktemp("corpus")
    make_corpus(root, 2, seed=7)
    return root


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter, Counter]:
    """Count each catalog parse and each playbook load, by file name."""
    catalogs: Counter = Counter()
    playbooks: Counter = Counter()
    read_input, read_yaml = po_io.read_input, yamlfile.read_input

    def counting_catalog(path, *args, **kwargs):
        catalogs[Path(path).parent.parent.name] += 1
        return read_input(path, *args, **kwargs)

    def counting_yaml(path, *args, **kwargs):
        if Path(path).parent.name == "playbooks" and Path(path).stem != "topics":
            playbooks[Path(path).stem] += 1
        return read_yaml(path, *args, **kwargs)

    monkeypatch.setattr(po_io, "read_input", counting_catalog)
    monkeypatch.setattr(yamlfile, "read_input", counting_yaml)
    return catalogs, playbooks


def test_a_site_build_parses_each_catalog_and_playbook_once(
    corpus: Path, tmp_path: Path, parsed: tuple[Counter, Counter]
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "project"
    shutil.copytree(corpus, project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    catalogs, playbooks = parsed
    assert catalogs == Counter(dict.fromkeys(LOCALES, 1))
    assert set(playbooks.values()) == {1} and len(playbooks) == 2


def test_check_parses_each_catalog_and_playbook_once(corpus: Path, parsed: tuple[Counter, Counter]) -> None:
    report = check(Project(corpus))
    catalogs, playbooks = parsed
    assert catalogs == Counter(dict.fromkeys(LOCALES, 1))
    assert set(playbooks.values()) == {1} and len(playbooks) == 2
    assert not report.all_problems()


def _catalog_scans(project: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    scans = 0
    iterate = Catalog.__iter__

    def counting_iter(self):
        nonlocal scans
        scans += 1
        return iterate(self)

    monkeypatch.setattr(Catalog, "__iter__", counting_iter)
    check(Project(project), [ONE])
    monkeypatch.setattr(Catalog, "__iter__", iterate)
    return scans


def _with_english_changed(corpus: Path, target: Path, how_many: int) -> Path:
    """A copy whose first catalog has how_many entries with an outdated msgid (found by msgctxt only)."""
    shutil.copytree(corpus, target)
    path = Project(target).catalog(ONE)
    catalog = read_catalog(path, ONE)
    changed = [m for m in catalog if m.id and isinstance(m.id, str) and not m.context.startswith("ui.")]
    for message in changed[:how_many]:
        catalog.delete(message.id, context=message.context)
        catalog.add("Old English " + message.id, message.string, context=message.context)
    path.write_bytes(catalog_bytes(catalog))
    return target


def test_units_whose_english_changed_are_matched_without_rescanning_the_catalog(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _catalog_scans(_with_english_changed(corpus, tmp_path / "one", 1), monkeypatch)
    many = _catalog_scans(_with_english_changed(corpus, tmp_path / "many", 20), monkeypatch)
    assert one == many


def test_every_duplicate_is_reported_at_its_last_occurrence(corpus: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(corpus, project)
    po = Project(project).catalog(ONE)
    text = po.read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if 'msgctxt "' in b and "ui." not in b][:5]
    po.write_text(text.rstrip("\n") + "\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    lines = po.read_text(encoding="utf-8").splitlines()
    report = check(Project(project), [ONE])
    found = {p.message.split()[0]: p.line for p in report.all_problems() if p.code == "duplicate"}
    assert len(found) == 5
    for context, line in found.items():
        last = max(i for i, x in enumerate(lines, 1) if x == f'msgctxt "{context}"')
        assert line == last


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_bench_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    make_corpus(tmp_path / "a", 2, seed=3)
    make_corpus(tmp_path / "b", 2, seed=3)
    make_corpus(tmp_path / "c", 2, seed=4)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_bench_corpus_catalogs_are_complete_and_in_their_scripts(corpus: Path) -> None:
    report = check(Project(corpus))
    assert [r.status.total.share for r in report.locales] == [1.0] * len(LOCALES)
    assert report.all_problems(strict=True) == []
    assert update(Project(corpus)) and not any(w.changed for w in update(Project(corpus)))


def test_crkb_check_reports_every_injected_kind_of_problem(corpus: Path, tmp_path: Path) -> None:
    roots = {False: tmp_path / "faulty", True: tmp_path / "faulty-files"}
    for root in roots.values():
        shutil.copytree(corpus, root)
    faults = inject(roots[False], roots[True])
    spans = spans_of(roots, faults)
    clean = crkb_reports(corpus, LOCALES)
    found: dict[str, list[str]] = {}
    for apart, root in roots.items():
        group = [f for f in faults if f.apart == apart]
        found.update(attribute(group, spans, clean, crkb_reports(root, LOCALES)))
    assert clean == []
    assert [kind for kind, codes in found.items() if not codes] == []
