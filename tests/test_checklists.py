"""PDF checklists of the real project: content, metadata, fonts, reproducibility, errors."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from crkb.cli import main
from crkb.render import checklist as cl
from crkb.render import layout
from crkb.render.escape import NO_BINDING, Binding, plain
from crkb.site import LocaleSite, SiteData
from pypdf import PdfReader


@pytest.fixture(scope="session")
def built(site_data: SiteData, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("checklists")
    cl.build_checklists(site_data, cl.plan_checklists(site_data, out, None, None))
    return out


def build(data: SiteData, out: Path, locales=None, ids=None, **options) -> list[Path]:
    return cl.build_checklists(data, cl.plan_checklists(data, out, locales, ids, **options))


def ui(loc: LocaleSite, ident: str, **values: str) -> str:
    phrase = loc.interface(ident, **values)
    return plain(phrase.text, phrase.values)


def t(phrase, **values: str) -> str:
    return plain(phrase.text, {**phrase.values, **values})


def codes(data: SiteData) -> list[str]:
    return [loc.code for loc in data.locales]


def squash(text: str) -> str:
    """Compare text as read, not as set: no spaces (any kind), no hyphens from line breaks."""
    return re.sub(r"[\s\u00a0\u00ad\u2010\-]+", "", text)


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_paths_are_one_per_playbook_and_locale_plus_packs(site_data: SiteData, built: Path) -> None:
    ids = [b.id for b in site_data.inputs.books]
    made = (p for p in built.rglob("*") if p.name != ".digests.json")
    expected = [f"{loc}/{name}.pdf" for loc in codes(site_data) for name in [*ids, "trainer-pack"]]
    assert sorted(p.relative_to(built).as_posix() for p in made) == sorted([*codes(site_data), *expected])


def test_every_checklist_is_one_page_with_its_title_situations_and_marked_actions(
    site_data: SiteData, built: Path
) -> None:
    for loc in site_data.locales:
        for book in loc.playbooks:
            reader = PdfReader(built / loc.code / f"{book['id']}.pdf")
            text = squash(text_of(reader))
            assert len(reader.pages) == 1, (loc.code, book["id"], len(reader.pages))
            dates = loc.dates[book["id"]]
            needed = [
                t(book["title"]),
                t(book["summary"]),
                *(t(w) for w in book["when"]),
                ui(loc, f"ui.checklist.{book['checklist']}"),
                *(t(a) for actions in cl.checklist_actions(book) for a in actions),
                ui(loc, "ui.checklist.name"),
                ui(loc, "ui.checklist.page", page="1", pages="1"),
                ui(loc, "ui.playbook.revision", version=book["version"], date=dates["updated"]),
                ui(loc, "ui.playbook.reviewed", date=dates["reviewed"], owner=t(book["review"]["owner"])),
            ]
            for text_needed in needed:
                assert squash(text_needed) in text, (loc.code, book["id"], text_needed)


def test_only_marked_actions_are_printed_when_a_playbook_marks_some(site_data: SiteData) -> None:
    book = site_data.source.playbooks[0]
    printed = [a.text for actions in cl.checklist_actions(book) for a in actions]
    marked = [a["text"].text for item in book["items"] for a in item["actions"] if a["checklist"]]
    assert printed == marked and 0 < len(marked) < sum(len(i["actions"]) for i in book["items"])


def qr_modules(page) -> set[tuple[int, int]]:
    """The dark modules of the QR code, read back from the page's drawing commands.

    segno draws each run of dark modules in a row as one line "x y+.5 m x2 y+.5 l"
    in module units (2 modules of quiet zone); Typst keeps those coordinates.
    """
    content = page.get_contents().get_data().decode("latin-1")
    dark = set()
    for x1, y, x2 in re.findall(r"(?<![\d.])(\d+) (\d+)\.5 m (\d+) \2\.5 l", content):
        dark.update((int(y) - 2, x - 2) for x in range(int(x1), int(x2)))
    return dark


def expected_modules(url: str) -> set[tuple[int, int]]:
    import segno

    matrix = segno.make(url, error="m", micro=False).matrix
    return {(r, c) for r, row in enumerate(matrix) for c, v in enumerate(row) if v}


def test_metadata_language_and_link(site_data: SiteData, built: Path) -> None:
    base = site_data.site_url
    for loc in site_data.locales:
        for book in loc.playbooks:
            reader = PdfReader(built / loc.code / f"{book['id']}.pdf")
            assert reader.metadata.title == " ".join(t(book["title"]).split())
            assert reader.trailer["/Root"]["/Lang"] == loc.code
            prefix = "" if loc.profile.source else f"{loc.code}/"
            url = f"{base}{prefix}playbooks/{book['id']}/"
            # one glyph draws both "-" and a soft hyphen, so text extraction may give either
            assert url in text_of(reader).replace("\u00ad", "-")
            for page in reader.pages:
                links = [a.get_object()["/A"].get("/URI") for a in page.get("/Annots", [])]
                assert url in links
                assert qr_modules(page) == expected_modules(url), "QR code missing or wrong"


def test_trainer_pack_has_cover_and_every_checklist(site_data: SiteData, built: Path) -> None:
    for loc in site_data.locales:
        reader = PdfReader(built / loc.code / "trainer-pack.pdf")
        assert len(reader.pages) == 1 + len(loc.playbooks)
        cover = squash(reader.pages[0].extract_text())
        for needed in [ui(loc, "ui.pack.title"), ui(loc, "ui.pack.intro"), *(t(b["title"]) for b in loc.playbooks)]:
            assert squash(needed) in cover
        for page, book in zip(reader.pages[1:], loc.playbooks, strict=True):
            assert squash(page.extract_text()).startswith(squash(t(book["title"]))), book["id"]
        assert reader.trailer["/Root"]["/Lang"] == loc.code
        assert ui(loc, "ui.pack.title") in reader.metadata.title


def test_fonts_are_embedded(built: Path) -> None:
    for pdf in built.rglob("*.pdf"):
        for page in PdfReader(pdf).pages:
            fonts = page["/Resources"]["/Font"]
            assert fonts
            for font in fonts.values():
                font = font.get_object()
                if "/DescendantFonts" in font:
                    font = font["/DescendantFonts"][0].get_object()
                descriptor = font["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (pdf, font)
                assert "Noto" in str(font["/BaseFont"])


def test_two_builds_give_identical_bytes(site_data: SiteData, built: Path, tmp_path: Path) -> None:
    build(site_data, tmp_path)
    for pdf in built.rglob("*.pdf"):
        assert (tmp_path / pdf.relative_to(built)).read_bytes() == pdf.read_bytes(), pdf.relative_to(built)


def test_a_rebuild_leaves_no_temporary_files(site_data: SiteData, built: Path) -> None:
    loc, book = site_data.locales[-1], site_data.inputs.books[0].id
    (built / loc.code / f"{book}.pdf").unlink()  # so it is laid out and written again
    build(site_data, built, [loc.code], [book])
    assert (built / loc.code / f"{book}.pdf").is_file()
    files = [p for p in built.rglob("*") if p.is_file() and p.name != ".digests.json"]
    assert all(p.suffix == ".pdf" for p in files)


def test_letter_paper(site_data: SiteData, tmp_path: Path) -> None:
    (path,) = build(site_data, tmp_path, [site_data.locales[-1].code], [site_data.inputs.books[0].id], paper="letter")
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_section_longer_than_a_page_repeats_its_title_as_continued(site_data: SiteData) -> None:
    loc = site_data.source
    doc = cl.document(loc, [loc.playbooks[0]], "https://x.test/", "a4")
    section = doc["checklists"][0]["sections"][0]
    section["actions"] = section["actions"] * 40
    reader = PdfReader(io.BytesIO(layout.render(doc)))
    assert len(reader.pages) >= 2
    second = " ".join(reader.pages[1].extract_text().split())
    assert f"{section['label']}{loc.profile.settings.dash}{section['title']} (" in second
    assert "continued" in second and "continued" not in reader.pages[0].extract_text()


def test_words_of_the_profiles_bind_words_stay_with_the_next_word() -> None:
    bind = Binding(words=frozenset("vszkouaiVSZKOUAI"))
    assert cl.prepare("Slibte a pak v Praze", bind) == "Slibte a\u00a0pak v\u00a0Praze"
    assert cl.prepare("A v domě i s námi", bind) == "A\u00a0v\u00a0domě i\u00a0s\u00a0námi"
    assert cl.prepare("Vitamin A, typ-a b", bind) == "Vitamin A, typ-a b"
    assert cl.prepare("a v  domě", NO_BINDING) == "a v domě"
    assert cl.prepare("92\u00a0% a\n b", bind) == "92\u00a0% a\u00a0b"


def test_page_url_has_the_locale_prefix_except_for_the_source(site_data: SiteData) -> None:
    for loc in site_data.locales:
        prefix = "" if loc.profile.source else f"{loc.code}/"
        assert cl.page_url("https://x.test/", loc, "a") == f"https://x.test/{prefix}playbooks/a/"


# --- Bad input --------------------------------------------------------------------


def test_unknown_locale_or_playbook_is_refused_with_the_known_ones(site_data: SiteData, tmp_path: Path) -> None:
    known = ", ".join(codes(site_data))
    with pytest.raises(ValueError, match=re.escape(f"unknown locale 'xx' (known: {known})")):
        cl.plan_checklists(site_data, tmp_path, ["xx"], None)
    with pytest.raises(ValueError, match=r"unknown playbook 'nope' \(known: "):
        cl.plan_checklists(site_data, tmp_path, None, ["nope"])
    with pytest.raises(ValueError, match="unknown paper"):
        cl.plan_checklists(site_data, tmp_path, None, None, paper="a3")
    assert not list(tmp_path.iterdir())


def invoke(*args: str):
    return CliRunner().invoke(main, ["--root", str(REPO), "checklists", *args])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-l", "xx"], "unknown locale 'xx' (known: "),
        (["-p", "nope"], "unknown playbook 'nope'"),
        (["--paper", "a3"], "'a3' is not one of 'a4', 'letter'"),
    ],
)
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke(*args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_cli_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes anywhere: make mkdir fail by putting the folder under a file
        (tmp_path / "file").write_text("")
        out = tmp_path / "file" / "out"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        out = locked / "out"
    try:
        result = invoke("--out", str(out))
    finally:
        if (tmp_path / "locked").exists():
            (tmp_path / "locked").chmod(0o700)
    assert result.exit_code == 1, result.output
    assert f"error: cannot write PDFs to {out}" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.pdf"))


def test_cli_builds_and_summarises(site_data: SiteData, tmp_path: Path) -> None:
    first, last, book = site_data.locales[0].code, site_data.locales[-1].code, site_data.inputs.books[0].id
    result = invoke("-l", first, "-l", last, "-p", book, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Wrote 2 PDF files to" in result.output
    assert "(1 playbook × 2 locales)" in result.output
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")) == sorted(
        [f"{first}/{book}.pdf", f"{last}/{book}.pdf"]
    )


def test_a_relative_out_folder_is_relative_to_the_working_folder(
    site_data: SiteData, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    book = site_data.inputs.books[0].id
    result = invoke("-l", site_data.source.code, "-p", book, "--out", "some/relative/dir")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "some" / "relative" / "dir" / site_data.source.code / f"{book}.pdf").is_file()


def test_a_failure_half_way_leaves_no_partial_pdf(site_data: SiteData, tmp_path: Path, monkeypatch) -> None:
    real = layout.render
    calls = []

    def flaky(doc):
        calls.append(doc["title"])
        if len(calls) == 2:
            raise cl.RenderError("boom")
        return real(doc)

    monkeypatch.setattr(layout, "render", flaky)  # seen only in this process: one job
    with pytest.raises(cl.RenderError, match="boom"):
        cl.build_checklists(site_data, cl.plan_checklists(site_data, tmp_path, [site_data.source.code], None), jobs=1)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != ".digests.json"]
    assert [p.name for p in files] == [f"{site_data.inputs.books[0].id}.pdf"]
    assert len(PdfReader(files[0]).pages) >= 1


def test_a_character_the_fonts_cannot_draw_is_an_error_naming_the_string(site_data: SiteData) -> None:
    loc = site_data.source
    book = dict(loc.playbooks[0])
    book["title"] = book["title"].__class__(**{**book["title"].__dict__, "text": "Greet ☃ warmly"})
    with pytest.raises(cl.RenderError, match=r"U\+2603.*Greet ☃ warmly"):
        cl.document(loc, [book], "https://x.test/", "a4")


# --- Fonts ------------------------------------------------------------------------


def test_shipped_fonts_cover_every_character_the_checklists_print(site_data: SiteData) -> None:
    from crkb.render.fonts import FONTS, missing_glyphs

    assert (FONTS / "OFL.txt").is_file()
    assert sum(f.stat().st_size for f in FONTS.glob("*.ttf")) < 3_000_000
    for loc in site_data.locales:
        for book in loc.playbooks:
            doc = cl.document(loc, [book], site_data.site_url, "a4")  # raises on a missing glyph
            assert not missing_glyphs(doc["title"])


def test_unchanged_checklists_are_not_laid_out_again(site_data: SiteData, tmp_path: Path, monkeypatch) -> None:
    code = site_data.locales[-1].code
    build(site_data, tmp_path, [code])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.pdf")}
    laid_out: list[str] = []
    joined: list[str] = []
    real_render, real_join = layout.render, cl._join
    monkeypatch.setattr(layout, "render", lambda doc: laid_out.append(doc["title"]) or real_render(doc))
    monkeypatch.setattr(cl, "_join", lambda job: joined.append(job[1]) or real_join(job))
    again = cl.build_checklists(site_data, cl.plan_checklists(site_data, tmp_path, [code], None), jobs=1)
    assert laid_out == [] and joined == []
    assert len(again) == len(site_data.inputs.books) + 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.pdf")} == before
    (tmp_path / code / f"{site_data.inputs.books[0].id}.pdf").unlink()
    cl.build_checklists(site_data, cl.plan_checklists(site_data, tmp_path, [code], None), jobs=1)
    assert len(laid_out) == 1  # only the missing file is made again; its pack is unchanged
    assert joined == []
    (tmp_path / code / f"{cl.PACK}.pdf").unlink()
    cl.build_checklists(site_data, cl.plan_checklists(site_data, tmp_path, [code], None), jobs=1)
    assert len(laid_out) == 2 and len(joined) == 1  # a pack: its cover laid out, the checklists joined
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.pdf")} == before
