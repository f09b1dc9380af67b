"""Every PDF (single checklists and trainer packs) is accessible and archivable: PDF/UA-1 and PDF/A-2a.

A full check needs veraPDF (see README); these tests read with pypdf what the
standards ask of the catalog, the XMP metadata and the structure tree, and what
a screen reader needs from the tree: headings, lists, the QR code's alt text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from crkb.render import checklist as cl
from crkb.render import layout
from crkb.render.escape import plain
from crkb.site import SiteData
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@pytest.fixture(scope="session")
def pdfs(site_data: SiteData, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("standards")
    cl.build_checklists(site_data, cl.plan_checklists(site_data, out, None, None))
    return out


def xmp_fields(reader: PdfReader) -> dict[str, str]:
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    return dict(re.findall(r"<(\w+:\w+)>([^<]*)</\1>", xmp))


def elements(node, depth: int = 0):
    """(structure type, element, depth) for every element below node, in reading order."""
    node = node.get_object()
    kids = node.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
            element = kid.get_object()
            yield str(element["/S"]), element, depth
            yield from elements(element, depth + 1)


def every_pdf(site_data: SiteData, pdfs: Path):
    for loc in site_data.locales:
        for name in [*(b["id"] for b in loc.playbooks), cl.PACK]:
            yield loc, name, PdfReader(pdfs / loc.code / f"{name}.pdf")


def test_every_pdf_claims_pdf_ua_1_and_pdf_a_2a_in_its_xmp_metadata(site_data: SiteData, pdfs: Path) -> None:
    for loc, name, reader in every_pdf(site_data, pdfs):
        fields = xmp_fields(reader)
        assert (fields["pdfaid:part"], fields["pdfaid:conformance"]) == ("2", "A"), (loc.code, name)
        assert fields["pdfuaid:part"] == "1", (loc.code, name)
        assert fields["xmpTPg:NPages"] == str(len(reader.pages)), (loc.code, name)
        assert fields["pdf:PDFVersion"] == reader.pdf_header.removeprefix("%PDF-")


def test_every_pdf_has_the_catalog_entries_the_standards_ask_for(site_data: SiteData, pdfs: Path) -> None:
    for loc, name, reader in every_pdf(site_data, pdfs):
        root = reader.trailer["/Root"]
        assert root["/Lang"] == loc.code, name
        assert root["/MarkInfo"]["/Marked"], name  # a tagged PDF
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], name  # the title, not the file name, is shown
        assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
        assert reader.metadata.title and reader.metadata.title in root["/Metadata"].get_object().get_data().decode()
        assert "/Filter" not in root["/Metadata"].get_object(), name  # PDF/A: XMP stays readable as text
        assert "/StructTreeRoot" in root, name
        assert len(reader.trailer["/ID"]) == 2
        for page in reader.pages:
            assert "/StructParents" in page and page["/Tabs"] == "/S"  # tab order follows the structure


def test_a_checklist_reads_as_a_heading_sections_with_lists_and_a_described_qr_code(
    site_data: SiteData, pdfs: Path
) -> None:
    for loc in site_data.locales:
        for book in loc.playbooks:
            doc = cl.document(loc, [book], site_data.site_url, "a4")["checklists"][0]
            reader = PdfReader(pdfs / loc.code / f"{book['id']}.pdf")
            tree = list(elements(reader.trailer["/Root"]["/StructTreeRoot"]))
            headings = [(kind, " ".join(str(e.get("/T", "")).split())) for kind, e, _ in tree if kind[:2] == "/H"]
            assert headings[0] == ("/H1", " ".join(doc["title"].split())), (loc.code, book["id"])
            sections = [f"{s['label']}{loc.profile.settings.dash}{s['title']}" for s in doc["sections"]]
            assert headings[1:] == [("/H2", " ".join(s.split())) for s in sections], (loc.code, book["id"])
            lists = [e for kind, e, _ in tree if kind == "/L"]
            items = [sum(1 for kid in elements(lst) if kid[0] == "/LI" and kid[2] == 0) for lst in lists]
            # the situations ("use when"), then one list per section with an item per action
            assert items == [len(doc["when"]), *(len(s["actions"]) for s in doc["sections"])], (loc.code, book["id"])
            figures = [e for kind, e, _ in tree if kind == "/Figure"]
            assert [f["/Alt"] for f in figures] == [plain(loc.interface("ui.checklist.qr").text)]
            assert [kind for kind, _, _ in tree].count("/Link") == 1


def test_typst_refuses_a_qr_code_without_alternative_text(site_data: SiteData) -> None:
    loc = site_data.source
    doc = cl.document(loc, [loc.playbooks[0]], site_data.site_url, "a4")
    doc["checklists"][0]["footer"]["qr-alt"] = ""
    with pytest.raises(cl.RenderError, match="PDF/UA-1 error: missing alt text"):
        layout.render(doc)


def test_every_structure_element_is_tied_to_its_parent_and_its_pages(site_data: SiteData, pdfs: Path) -> None:
    for loc, name, reader in every_pdf(site_data, pdfs):
        check_structure(reader, f"{loc.code}/{name}")


def check_structure(reader: PdfReader, where: str) -> None:
    """The structure tree is whole: parents point back, pages exist, the parent tree matches the pages."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    pages = {page.indirect_reference.idnum for page in reader.pages}
    reachable = set()

    def walk(ref: IndirectObject, parent: IndirectObject) -> None:
        element = ref.get_object()
        assert element.raw_get("/P").idnum == parent.idnum, (where, element["/S"])
        reachable.add(ref.idnum)
        if "/Pg" in element:
            assert element.raw_get("/Pg").idnum in pages, where
        kids = element.get("/K")
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
                walk(kid, ref)
            elif isinstance(kid, DictionaryObject) and "/Pg" in kid:
                assert kid.raw_get("/Pg").idnum in pages, where

    (document,) = root["/K"] if isinstance(root["/K"], ArrayObject) else [root.raw_get("/K")]
    walk(document, root.indirect_reference)
    nums = root["/ParentTree"]["/Nums"]
    tree = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    keys = [int(page["/StructParents"]) for page in reader.pages]
    keys += [int(a.get_object()["/StructParent"]) for page in reader.pages for a in page.get("/Annots", [])]
    assert sorted(keys) == sorted(tree) and len(set(keys)) == len(keys), where
    assert int(root["/ParentTreeNextKey"]) > max(keys), where
    for value in tree.values():
        refs = value if isinstance(value, ArrayObject) else [value.indirect_reference]
        assert all(ref.idnum in reachable for ref in refs if isinstance(ref, IndirectObject)), where
