"""PDF checklists of the real project: content, metadata, fonts, reproducibility, errors."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from crkb.cli_checklists import checklists
from crkb.locales import site_config
from crkb.localize import read_catalog
from crkb.project import Project
from crkb.render import checklist as cl
from crkb.site import Site
from crkb.ui import UI_TEXTS
from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent
LOCALES = ["en", "ru", "cs", "sk", "hy"]
PLAYBOOKS = ["customer-profitability", "loyalty-keys", "relationship-tips", "service-secrets"]


@pytest.fixture(scope="session")
def site() -> Site:
    return Site.load(Project(REPO))


@pytest.fixture(scope="session")
def built(site: Site, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("checklists")
    started = time.perf_counter()
    paths = cl.build_checklists(site, out, [], [])
    print(f"built {len(paths)} PDFs in {time.perf_counter() - started:.1f}s")
    return out


def squash(text: str) -> str:
    """Compare text as read, not as set: no spaces (any kind), no hyphens from line breaks."""
    return re.sub(r"[\s\u00a0\u00ad\u2010\-]+", "", text)


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_paths_are_one_per_playbook_and_locale_plus_packs(site: Site, built: Path) -> None:
    assert site.locales == LOCALES
    made = (p for p in built.rglob("*") if p.name != ".digests.json")
    assert sorted(p.relative_to(built).as_posix() for p in made) == sorted(
        [*LOCALES, *(f"{loc}/{name}.pdf" for loc in LOCALES for name in [*PLAYBOOKS, "trainer-pack"])]
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_checklist_holds_title_situations_and_every_action(site: Site, built: Path, locale: str) -> None:
    loc = site.localizers[locale]
    for book in site.localized(locale):
        reader = PdfReader(built / locale / f"{book.id}.pdf")
        text = squash(text_of(reader))
        pages = len(reader.pages)
        # A checklist fits one page where it can and never runs past two.
        assert 1 <= pages <= 2, (book.id, pages)
        if book.id == "loyalty-keys":
            assert pages == 1
        for needed in [
            book.title,
            book.summary,
            *book.when,
            loc.ui(f"ui.checklist.{book.checklist}"),
            *(it.title for it in book.items),
            *(a for it in book.items for a in it.actions),
            loc.ui("ui.checklist.name"),
            loc.ui("ui.checklist.team"),
            loc.ui("ui.checklist.page", page="1", pages=str(pages)),
            loc.ui("ui.playbook.revision", version=book.version, date=loc.date(book.updated)),
        ]:
            assert squash(needed) in text, (locale, book.id, needed)


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


@pytest.mark.parametrize("locale", LOCALES)
def test_metadata_language_and_link(site: Site, built: Path, locale: str) -> None:
    for book in site.localized(locale):
        reader = PdfReader(built / locale / f"{book.id}.pdf")
        assert reader.metadata.title == " ".join(book.title.split())
        assert reader.metadata.author == "crkb"
        assert reader.trailer["/Root"]["/Lang"] == locale
        prefix = "" if locale == "en" else f"{locale}/"
        base = site_config(site.project.mkdocs_yml)["site_url"].rstrip("/")
        url = f"{base}/{prefix}playbooks/{book.id}/"
        assert url in text_of(reader)
        for page in reader.pages:
            links = [a.get_object()["/A"].get("/URI") for a in page.get("/Annots", [])]
            assert url in links
            assert qr_modules(page) == expected_modules(url), "QR code missing or wrong"


@pytest.mark.parametrize("locale", LOCALES)
def test_trainer_pack_has_cover_and_every_checklist(site: Site, built: Path, locale: str) -> None:
    loc = site.localizers[locale]
    books = site.localized(locale)
    reader = PdfReader(built / locale / "trainer-pack.pdf")
    singles = [len(PdfReader(built / locale / f"{b.id}.pdf").pages) for b in books]
    assert len(reader.pages) == 1 + sum(singles)
    cover = squash(reader.pages[0].extract_text())
    for needed in [loc.ui("ui.pack.title"), loc.ui("ui.pack.intro"), *(b.title for b in books)]:
        assert squash(needed) in cover
    # Each checklist starts on a new page, numbered from 1 again.
    first = 1
    for book, count in zip(books, singles, strict=True):
        page = squash(reader.pages[first].extract_text())
        assert page.startswith(squash(book.title)), (book.id, page[:80])
        assert squash(loc.ui("ui.checklist.page", page="1", pages=str(count))) in page
        first += count
    assert reader.trailer["/Root"]["/Lang"] == locale
    assert loc.ui("ui.pack.title") in reader.metadata.title


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


def test_two_builds_give_identical_bytes(site: Site, built: Path, tmp_path: Path) -> None:
    cl.build_checklists(site, tmp_path, [], [])
    for pdf in built.rglob("*.pdf"):
        again = tmp_path / pdf.relative_to(built)
        assert again.read_bytes() == pdf.read_bytes(), pdf.relative_to(built)


def test_a_rebuild_leaves_no_temporary_files(site: Site, built: Path) -> None:
    (built / "cs" / "loyalty-keys.pdf").unlink()  # so it is laid out and written again
    cl.build_checklists(site, built, ["cs"], ["loyalty-keys"])
    assert (built / "cs" / "loyalty-keys.pdf").is_file()
    files = [p for p in built.rglob("*") if p.is_file() and p.name != ".digests.json"]
    assert all(p.suffix == ".pdf" for p in files)


def test_letter_paper(site: Site, tmp_path: Path) -> None:
    (path,) = cl.build_checklists(site, tmp_path, ["sk"], ["loyalty-keys"], paper="letter")
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_section_longer_than_a_page_repeats_its_title_as_continued(site: Site) -> None:
    book = next(b for b in site.localized("en") if b.id == "loyalty-keys")
    doc = cl._document("en", site.localizers["en"], [book], "https://x.test/", "a4", cover=None)
    section = doc["checklists"][0]["sections"][0]
    section["actions"] = section["actions"] * 12
    reader = PdfReader(io.BytesIO(cl.render(cl._compiler(), doc)))
    assert len(reader.pages) >= 2
    second = reader.pages[1].extract_text()
    assert "Key 1 — Exceed one expectation (continued)" in " ".join(second.split())
    assert "continued" not in reader.pages[0].extract_text()


def test_czech_and_slovak_keep_one_letter_words_with_the_next() -> None:
    assert cl.prepare("Slibte a pak v Praze", "cs") == "Slibte a\u00a0pak v\u00a0Praze"
    assert cl.prepare("A v domě i s námi", "sk") == "A\u00a0v\u00a0domě i\u00a0s\u00a0námi"
    assert cl.prepare("Vitamin A, typ-a b", "cs") == "Vitamin A, typ-a b"
    assert cl.prepare("a v  domě", "en") == "a v domě"
    assert cl.prepare("92\u00a0% a\n b", "cs") == "92\u00a0% a\u00a0b"


def test_page_url() -> None:
    assert cl.page_url("https://x.test/", "en", "a") == "https://x.test/playbooks/a/"
    assert cl.page_url("https://x.test/", "hy", "a") == "https://x.test/hy/playbooks/a/"


# --- Bad input --------------------------------------------------------------------


def test_unknown_locale_or_playbook_is_refused_with_the_known_ones(site: Site, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown locale 'xx' \(known: en, ru, cs, sk, hy\)"):
        cl.build_checklists(site, tmp_path, ["xx"], [])
    with pytest.raises(ValueError, match=r"unknown playbook 'nope' \(known: customer-profitability"):
        cl.build_checklists(site, tmp_path, [], ["nope"])
    with pytest.raises(ValueError, match="unknown paper"):
        cl.build_checklists(site, tmp_path, [], [], paper="a3")
    assert not list(tmp_path.iterdir())


def invoke(*args: str):
    return CliRunner().invoke(checklists, list(args), obj=Project(REPO))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-l", "xx"], "unknown locale 'xx' (known: en, ru, cs, sk, hy)"),
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
        result = invoke("-l", "cs", "--out", str(out))
    finally:
        if (tmp_path / "locked").exists():
            (tmp_path / "locked").chmod(0o700)
    assert result.exit_code == 1, result.output
    assert f"error: cannot write PDFs to {out}" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.pdf"))


def test_cli_builds_and_summarises(tmp_path: Path) -> None:
    result = invoke("-l", "cs", "-l", "hy", "-p", "loyalty-keys", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Wrote 2 PDF files to" in result.output
    assert "(1 playbook × 2 locales)" in result.output
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")) == [
        "cs/loyalty-keys.pdf",
        "hy/loyalty-keys.pdf",
    ]


def test_a_failure_half_way_leaves_no_partial_pdf(site: Site, tmp_path: Path, monkeypatch) -> None:
    real = cl.render
    calls = []

    def flaky(compiler, doc):
        calls.append(doc["title"])
        if len(calls) == 2:
            raise RuntimeError("boom")
        return real(compiler, doc)

    monkeypatch.setattr(cl, "render", flaky)
    with pytest.raises(RuntimeError, match="boom"):
        cl.build_checklists(site, tmp_path, ["en"], [])
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.name for p in files] == ["customer-profitability.pdf"]
    assert len(PdfReader(files[0]).pages) >= 1


# --- Fonts ------------------------------------------------------------------------


def test_shipped_fonts_cover_every_character_we_print(site: Site) -> None:
    from fontTools.ttLib import TTFont

    fonts = sorted(cl.FONTS.glob("*.ttf"))
    assert {f.name for f in fonts} >= {
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSansArmenian-Regular.ttf",
        "NotoSansArmenian-Bold.ttf",
    }
    assert (cl.FONTS / "OFL.txt").is_file()
    assert sum(f.stat().st_size for f in fonts) < 3_000_000
    regular = set().union(*(TTFont(f).getBestCmap() for f in fonts if "Bold" not in f.name))
    bold = set().union(*(TTFont(f).getBestCmap() for f in fonts if "Bold" in f.name))

    texts = [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("playbooks/*.yml"))]
    texts += [t.text for t in UI_TEXTS]
    for locale in LOCALES[1:]:
        catalog = read_catalog(REPO / "locales" / locale / "LC_MESSAGES" / "crkb.po", locale)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            texts += [s for s in strings if s]
    for locale, loc in site.localizers.items():
        texts += [loc.language(locale), *(loc.date(b.updated) for b in site.books)]
    wanted = {ch for text in texts for ch in text if ch not in "\n\t\r"}
    for cmap, weight in ((regular, "regular"), (bold, "bold")):
        missing = sorted(f"U+{ord(ch):04X} {ch!r}" for ch in wanted if ord(ch) not in cmap)
        assert not missing, f"no {weight} glyph for {missing}"


def test_unchanged_checklists_are_not_laid_out_again(site: Site, tmp_path: Path, monkeypatch) -> None:
    cl.build_checklists(site, tmp_path, ["cs"], [])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.pdf")}
    laid_out: list[str] = []
    real_render = cl.render
    monkeypatch.setattr(cl, "render", lambda c, doc: laid_out.append(doc["title"]) or real_render(c, doc))
    again = cl.build_checklists(site, tmp_path, ["cs"], [])
    assert laid_out == []
    assert len(again) == 5
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.pdf")} == before
    (tmp_path / "cs" / "loyalty-keys.pdf").unlink()
    cl.build_checklists(site, tmp_path, ["cs"], [])
    assert len(laid_out) == 1  # only the missing file is made again
