"""What a build keeps for the next one can come with a pull request: it is never taken on trust.

`.cache/crkb/` and `checklists/` are ignored by git, yet a pull request can still add
files there (`git add -f`), and checking it out overwrites the ignored files a
maintainer already has. A PDF found there is used only when this machine laid it
out itself: its record is keyed with the machine's secret (buildcache.py) and
covers the PDF's own bytes, so a planted or replaced PDF is laid out again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from crkb import buildcache, lemmas
from crkb.problems import ProblemsFound
from crkb.render import checklist as cl
from crkb.search.reduce import Lemmas
from crkb.site import SiteData
from crkb.siteplan import SitePlan


@pytest.fixture
def own_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def one_checklist(data: SiteData, out: Path) -> cl.Plan:
    return cl.plan_checklists(data, out, [data.locales[0].code], [data.inputs.books[0].id], packs=False)


def with_script(pdf: Path) -> None:
    """The PDF, made to run JavaScript when opened."""
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        doc.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        doc.save(pdf)


def test_a_pdf_replaced_after_it_was_laid_out_is_laid_out_again(
    site_data: SiteData, tmp_path: Path, own_secret: None
) -> None:
    plan = one_checklist(site_data, tmp_path)
    [pdf] = cl.build_checklists(site_data, plan, jobs=1)
    good = pdf.read_bytes()
    with_script(pdf)
    cl.build_checklists(site_data, plan, jobs=1)
    assert pdf.read_bytes() == good


def test_digests_anyone_can_compute_do_not_make_a_planted_pdf_pass(
    site_data: SiteData, tmp_path: Path, own_secret: None
) -> None:
    """What a pull request can bring: its own PDF and the plain digest of the document it stands for."""
    plan = one_checklist(site_data, tmp_path / "ours")
    [good] = cl.build_checklists(site_data, plan, jobs=1)
    planted = one_checklist(site_data, tmp_path / "pull-request")
    [pdf] = planted.outputs
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(good.read_bytes())
    with_script(pdf)
    [(_, doc)] = cl._work(site_data, planted)[0]
    (pdf.parent.parent / ".digests.json").write_text(
        json.dumps({pdf.relative_to(planted.out_dir).as_posix(): cl.digest(doc)})
    )
    cl.build_checklists(site_data, planted, jobs=1)
    assert pdf.read_bytes() == good.read_bytes()


def test_a_build_record_is_not_used_when_a_pdf_it_names_was_replaced(
    site_data: SiteData, tmp_path: Path, own_secret: None
) -> None:
    folder = tmp_path / "cache"
    plan = cl.plan_checklists(site_data, folder, None, [site_data.inputs.books[0].id], layout=cl.SITE_LAYOUT)
    pdfs = cl.build_checklists(site_data, plan, jobs=1)
    key = "k" * 64
    record = SitePlan(["index.md"], {"": {}}, ["en"], {"index.en.md": "x"})
    record.pdfs = [p.name for p in pdfs]
    buildcache.save_plan(folder, key, record)
    assert buildcache.load_plan(folder, key) is not None
    with_script(pdfs[0])
    assert buildcache.load_plan(folder, key) is None


def test_search_lemmas_come_from_the_machine_cache_never_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lemma file a pull request plants in `.cache/crkb/` is not read: the search keeps its
    lemmas with the glossary check's, in the user's cache folder."""
    monkeypatch.setenv("CRKB_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.setattr(lemmas, "_MADE", {})
    planted = tmp_path / "project" / ".cache" / "crkb" / "lemmas-en.json"
    planted.parent.mkdir(parents=True)
    planted.write_text(json.dumps({"lemmas": {"customers": "zzzz"}}), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "project")
    reducer = Lemmas("en")
    assert reducer.key("customers") == "customer" == lemmas.lemmatizer("en").lemma("customers")
    reducer.save()
    [kept] = (tmp_path / "user-cache").glob("lemmas-*-en.json")
    assert json.loads(kept.read_text(encoding="utf-8"))["customers"] == "customer"


@pytest.mark.parametrize("linked", [".cache", ".cache/crkb"])
def test_a_cache_folder_that_is_a_link_stops_the_build_naming_it(tmp_path: Path, linked: str) -> None:
    """A committed link would send the build's PDFs and records wherever it points."""
    root, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / linked).parent.mkdir(parents=True, exist_ok=True)
    (root / linked).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ProblemsFound) as raised:
        buildcache.refuse_linked_cache(root / ".cache" / "crkb", root)
    [problem] = raised.value.problems
    assert (problem.path, problem.code) == (linked, "symlink")


def test_a_real_cache_folder_or_none_yet_is_accepted(tmp_path: Path) -> None:
    buildcache.refuse_linked_cache(tmp_path / ".cache" / "crkb", tmp_path)
    (tmp_path / ".cache" / "crkb").mkdir(parents=True)
    buildcache.refuse_linked_cache(tmp_path / ".cache" / "crkb", tmp_path)
    assert not (tmp_path / ".cache").is_symlink()
