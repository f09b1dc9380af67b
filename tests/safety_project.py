"""Small throw-away projects for the safety tests, driven only through the CLI and MkDocs.

A project is the repository's mkdocs.yml and docs/assets, one or more playbooks
and the catalogs `crkb update` makes for them. `fill_catalogs` then translates
every entry in a way `crkb check` accepts (the English plus a word of the
language, taken from CLDR), so a test that breaks one entry sees exactly the
problems that entry causes. Locales are always read from the copied mkdocs.yml.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from babel import Locale
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner, Result
from crkb.cli import main
from crkb.locales import load_profiles, translated_locales
from unsafe_html import violations

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAFETY = FIXTURES / "safety"
GOOD_PLAYBOOK = FIXTURES / "playbooks" / "good" / "greet-by-name.yml"
CATALOG = "locales/{locale}/LC_MESSAGES/crkb.po"  # the layout translators know (CONTRIBUTING.md)
LOCATION = re.compile(r"([\w./-]+\.(?:po|ya?ml)):(\d+)")


def make_project(root: Path, *playbooks: Path, checklists: bool = False) -> Path:
    """A project in root: mkdocs.yml, docs/assets, the theme overrides and the given playbooks
    (default: the good one)."""
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not checklists:
        config = _without_checklists(config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "playbooks").mkdir()
    for book in playbooks or (GOOD_PLAYBOOK,):
        shutil.copy(book, root / "playbooks" / book.name)
    topics = root / "playbooks" / "topics.yml"
    if not topics.exists():  # the sections the playbooks name
        shutil.copy(GOOD_PLAYBOOK.parent / "topics.yml", topics)
    for profile in (REPO / "locales").glob("*/locale.yml"):  # each locale's profile
        (root / "locales" / profile.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(profile, root / "locales" / profile.parent.name / "locale.yml")
    return root


def _without_checklists(config: str) -> str:
    """Turn the crkb plugin's PDFs off (much faster builds), whether or not it already has options."""
    lines = config.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if re.match(r"^\s*- crkb:?\s*$", line))
    pad = len(lines[at]) - len(lines[at].lstrip())
    end = at + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > pad):
        end += 1
    options = [line for line in lines[at + 1 : end] if not line.strip().startswith("checklists:")]
    indent = next((_indent(line) for line in options if line.strip()), pad + 4)
    head = [f"{' ' * pad}- crkb:\n", f"{' ' * indent}checklists: false\n"]
    return "".join([*lines[:at], *head, *options, *lines[end:]])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def locales(root: Path) -> list[str]:
    return translated_locales(root / "mkdocs.yml")


def catalog(root: Path, locale: str) -> Path:
    return root / CATALOG.format(locale=locale)


def crkb(root: Path, *args: str, **kwargs) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), *args], **kwargs)


def assert_no_traceback(result: Result) -> None:
    """A command may fail, but only through its own message and exit status."""
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"uncaught {result.exception!r}\n{result.output}"
    assert "Traceback" not in result.output


def native_word(locale: str) -> str:
    """A word in the locale's own language and script (CLDR's name of the first weekday)."""
    return Locale.parse(locale).days["format"]["wide"][0]


def fill_catalogs(root: Path) -> None:
    """Run `crkb update`, then translate every entry of every catalog so `crkb check` passes."""
    result = crkb(root, "update")
    assert result.exit_code == 0, result.output
    profiles = {p.code: p for p in load_profiles(root / "mkdocs.yml", root / "locales")}
    for locale in locales(root):
        word = native_word(locale)
        local = partial(in_local_typography, settings=profiles[locale].settings)
        with catalog(root, locale).open("rb") as handle:
            po = read_po(handle, locale=locale)
        for message in po:
            if not message.id:
                continue
            if isinstance(message.id, (tuple, list)):
                forms = [message.id[0], *[message.id[1]] * (po.num_plurals - 1)]
                message.string = tuple(local(with_word(form, word)) for form in forms)
            else:
                message.string = local(with_word(message.id, word))
        _write(root, locale, po)
    result = crkb(root, "check")
    assert result.exit_code == 0, f"the filled catalogs should pass `crkb check`:\n{result.output}"


def with_word(english: str, word: str) -> str:
    """The English with a word of the language added before its closing punctuation."""
    body, end = re.fullmatch(r"(.*?)([.:?!…]*)", english, re.DOTALL).groups()
    return f"{body} {word}{end}"


def in_local_typography(text: str, settings) -> str:
    """The English's quotes, dashes and sentence marks as the locale's profile writes them."""
    opening, closing = settings.quotes
    text = text.replace("“", opening).replace("”", closing).replace(" — ", settings.dash)
    if settings.sentence_marks:  # a language with its own full stop writes it instead of ".", ":" and "?"
        stop = settings.sentence_marks[0]
        text = re.sub(r"[.:?](?=\s|$)", stop, text)
    return text


def _write(root: Path, locale: str, po) -> None:
    with catalog(root, locale).open("wb") as handle:
        write_po(handle, po, width=79)


def translate(root: Path, locale: str, key: str, text: str | tuple[str, ...]) -> str:
    """Set the translation of the entry whose msgctxt or English is key; return its msgctxt."""
    path = catalog(root, locale)
    with path.open("rb") as handle:
        po = read_po(handle, locale=locale)
    found = [m for m in po if m.id and key in (m.context, m.id if isinstance(m.id, str) else m.id[0])]
    assert found, f"no entry {key!r} in {path}"
    found[0].string = text
    _write(root, locale, po)
    return found[0].context


def translate_every_entry(root: Path, texts: list[str]) -> None:
    """Give every entry of every catalog a translation, taking texts in turn (plural forms too)."""
    turn = 0
    for locale in locales(root):
        with catalog(root, locale).open("rb") as handle:
            po = read_po(handle, locale=locale)
        for message in po:
            if not message.id:
                continue
            forms = po.num_plurals if isinstance(message.id, (tuple, list)) else 1
            chosen = [texts[(turn + n) % len(texts)] for n in range(forms)]
            turn += forms
            message.string = tuple(chosen) if isinstance(message.id, (tuple, list)) else chosen[0]
        _write(root, locale, po)


def translate_everywhere(root: Path, key: str, text: str) -> str:
    """The same hostile text in every translated locale, after a word of that language."""
    contexts = [translate(root, locale, key, f"{native_word(locale)} {text}") for locale in locales(root)]
    return contexts[0]


def entry_lines(root: Path, locale: str, context: str) -> range:
    """The lines (1-based) of the PO entry whose msgctxt is context, comments included."""
    lines = catalog(root, locale).read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line == f'msgctxt "{context}"')
    start = at
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = at
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return range(start + 1, end + 2)


GITHUB_LOCATION = re.compile(r"file=([\w./-]+\.(?:po|ya?ml)),line=(\d+)")


def reported_lines(output: str, file_name: str) -> list[int]:
    """Every line number the output gives for a file whose path ends with file_name
    (as file:line, or as a GitHub annotation's file=…,line=…)."""
    found = LOCATION.findall(output) + GITHUB_LOCATION.findall(output)
    return [int(line) for path, line in found if path.endswith(file_name)]


def yaml_lines(path: Path, needle: str) -> range:
    """Lines of a YAML file from the one holding needle to the end of that value's block."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if needle in line)
    indent = len(lines[at]) - len(lines[at].lstrip())
    end = at
    while end + 1 < len(lines) and (
        not lines[end + 1].strip() or len(lines[end + 1]) - len(lines[end + 1].lstrip()) > indent
    ):
        end += 1
    return range(at + 1, end + 2)


@dataclass(frozen=True)
class Built:
    """A finished build: its folder, or what stopped it (a clean MkDocs error, or a crash)."""

    site: Path | None
    error: BaseException | None = None

    @property
    def crashed(self) -> bool:
        """Stopped by anything but MkDocs' own errors: a user would see a raw traceback."""
        from mkdocs.exceptions import MkDocsException

        return self.error is not None and not isinstance(self.error, MkDocsException)


def build_site(root: Path, out: Path, strict: bool = False) -> Built:
    """Build with MkDocs itself; not strict by default, so hostile links may point nowhere."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=strict))
    except Exception as err:  # the tests judge how the build stopped
        return Built(None, err)
    return Built(out)


def own_hosts(root: Path) -> frozenset[str]:
    """The site's own host, from site_url in the project's mkdocs.yml."""
    found = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return frozenset({urlsplit(found.group(1)).hostname or ""}) if found else frozenset()


def html_pages(site: Path) -> Iterator[tuple[Path, str]]:
    for page in sorted(site.rglob("*.html")):
        yield page, page.read_text(encoding="utf-8")


def search_entries(site: Path) -> Iterator[tuple[Path, dict]]:
    """Every entry of every search index the build wrote."""
    for index in sorted(site.rglob("search_index.json")):
        for entry in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            yield index, entry


def site_violations(site: Path, hosts: frozenset[str]) -> list[str]:
    """Everything unsafe in the built pages and search indexes, as 'where: what' lines."""
    found = [f"{page.relative_to(site)}: {v}" for page, text in html_pages(site) for v in violations(text, hosts)]
    for index, entry in search_entries(site):
        for field in ("title", "text"):
            where = f"{index.relative_to(site)} {entry.get('location')!r} {field}"
            found += [f"{where}: {v}" for v in violations(entry.get(field) or "", hosts)]
    return found


def playbook_data(source: Path = GOOD_PLAYBOOK) -> dict:
    """A playbook as plain data, to change a field and write it back with write_playbook."""
    return yaml.safe_load(source.read_text(encoding="utf-8"))


def write_playbook(root: Path, data: dict, name: str | None = None) -> Path:
    """Write a playbook as YAML; every string is quoted and escaped by the YAML library itself."""
    path = root / "playbooks" / (name or f"{data['id']}.yml")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")
    return path
