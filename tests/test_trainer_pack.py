"""Checklists laid out on several processes, and trainer packs joined from the single checklists."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from crkb.render import checklist as cl
from crkb.render import layout
from crkb.site import SiteData
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from test_pdf_standards import check_structure, elements


@pytest.fixture(scope="session")
def parallel(site_data: SiteData, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parallel")
    cl.build_checklists(site_data, cl.plan_checklists(site_data, out, None, None), jobs=2)
    return out


def test_a_parallel_build_writes_the_bytes_of_a_serial_one(site_data: SiteData, parallel: Path, tmp_path: Path) -> None:
    cl.build_checklists(site_data, cl.plan_checklists(site_data, tmp_path, None, None), jobs=1)
    serial = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.pdf"))
    assert serial == sorted(p.relative_to(parallel) for p in parallel.rglob("*.pdf"))
    assert len(serial) == len(site_data.locales) * (len(site_data.inputs.books) + 1)
    for name in serial:
        assert (parallel / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_a_pack_joined_in_a_worker_of_its_own_is_the_pack_joined_here(
    site_data: SiteData, parallel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big packs are joined apart (to give their memory back); the bytes must not change."""
    monkeypatch.setattr(cl, "JOIN_APART", 1)
    cl.build_checklists(site_data, cl.plan_checklists(site_data, tmp_path, None, None), jobs=2)
    packs = [p.relative_to(tmp_path) for p in tmp_path.rglob(f"*{cl.PACK}*.pdf")]
    assert len(packs) == len(site_data.locales)
    for name in packs:
        assert (tmp_path / name).read_bytes() == (parallel / name).read_bytes(), name


def test_workers_return_results_in_the_order_of_the_inputs() -> None:
    items = list(range(40))
    with layout.Workers(2) as workers:
        assert list(workers.map(str, items)) == [str(i) for i in items]
        assert list(workers.map(str, items[:3])) == ["0", "1", "2"]


def test_a_pack_is_its_cover_then_each_checklists_own_page_in_order(site_data: SiteData, parallel: Path) -> None:
    for loc in site_data.locales:
        pack = PdfReader(parallel / loc.code / f"{cl.PACK}.pdf")
        assert len(pack.pages) == 1 + len(loc.playbooks)
        cover = PdfReader(io.BytesIO(layout.render(cl.document(loc, loc.playbooks, site_data.site_url, "a4", True))))
        assert pack.pages[0].get_contents().get_data() == cover.pages[0].get_contents().get_data()
        for page, book in zip(pack.pages[1:], loc.playbooks, strict=True):
            (single,) = PdfReader(parallel / loc.code / f"{book['id']}.pdf").pages
            assert page.get_contents().get_data() == single.get_contents().get_data(), (loc.code, book["id"])
            assert [a.get_object()["/A"]["/URI"] for a in page["/Annots"]] == [
                a.get_object()["/A"]["/URI"] for a in single["/Annots"]
            ]


def test_a_pack_has_a_bookmark_for_its_cover_and_each_playbook(site_data: SiteData, parallel: Path) -> None:
    for loc in site_data.locales:
        pack = PdfReader(parallel / loc.code / f"{cl.PACK}.pdf")
        marks = [(item.title, pack.get_destination_page_number(item)) for item in pack.outline]
        titles = [cl.document(loc, [book], site_data.site_url, "a4")["title"] for book in loc.playbooks]
        assert marks == [(pack.metadata.title, 0), *((title, n) for n, title in enumerate(titles, 1))]


def test_a_pack_joins_the_structure_trees_one_part_per_checklist(site_data: SiteData, parallel: Path) -> None:
    for loc in site_data.locales:
        pack = PdfReader(parallel / loc.code / f"{cl.PACK}.pdf")
        check_structure(pack, loc.code)
        root = pack.trailer["/Root"]["/StructTreeRoot"]
        top = [(kind, element) for kind, element, depth in elements(root) if depth == 1]  # under Document
        parts = [element for kind, element in top if kind == "/Part"]
        assert [kind for kind, _ in top][: -len(parts)].count("/H1") == 1  # the cover's heading
        assert [kind for kind, _ in top][-len(parts) :] == ["/Part"] * len(loc.playbooks)
        for part, book in zip(parts, loc.playbooks, strict=True):
            first = next(elements(part))
            expected = cl.document(loc, [book], site_data.site_url, "a4")["checklists"][0]["title"]
            assert (first[0], " ".join(str(first[1]["/T"]).split())) == ("/H1", " ".join(expected.split()))


def test_a_pack_carries_no_leftover_copy_of_a_checklists_tree(site_data: SiteData, parallel: Path) -> None:
    loc = site_data.locales[-1]
    pack = PdfReader(parallel / loc.code / f"{cl.PACK}.pdf")
    objects = [pack.get_object(idnum) for idnum in range(1, int(pack.trailer["/Size"]))]
    dicts = [obj for obj in objects if isinstance(obj, DictionaryObject)]
    assert [obj.get("/Type") for obj in dicts].count("/StructTreeRoot") == 1
    assert [obj.get("/Type") for obj in dicts].count("/Catalog") == 1
    assert [obj.get("/S") for obj in dicts].count("/Document") == 1


def test_a_pack_needs_every_playbook(site_data: SiteData, tmp_path: Path) -> None:
    some = [site_data.inputs.books[0].id]
    with pytest.raises(ValueError, match="a trainer pack holds every playbook"):
        cl.plan_checklists(site_data, tmp_path, None, some, packs=True)
    assert not cl.plan_checklists(site_data, tmp_path, None, some).packs
