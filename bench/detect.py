"""Which checker finds which problem: crkb check, pofilter and msgfmt on known faults.

One of each kind of problem is injected into a copy of a clean corpus, each into its
own entry (and the file-level ones — syntax, header, duplicate — each into a catalog
of its own). Every tool runs on the clean copy and on the faulty one; a problem
counts as detected by a tool when, on the faulty copy, the tool reports something
new (absent on the clean copy) at that entry — matched by msgctxt or by line — or,
for a file-level problem, anywhere in that catalog outside the other injected
entries. msgfmt's --statistics counts (fuzzy, untranslated) count as reports too.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import normalize
from crkb.catalogs import read_catalog
from crkb.locales import LocaleProfile, load_profiles, translated_locales
from crkb.project import Project

from .language import translate
from .measure import run, tool

TOOLS = ("crkb check", "pofilter", "msgfmt --check")


@dataclass(frozen=True)
class Fault:
    kind: str
    locale: str
    msgctxt: str  # the entry changed; "" for a change to the header
    scope: str  # "entry" or "file"
    what: str
    apart: bool = False  # in the second faulty copy (see inject)


@dataclass(frozen=True)
class Report:
    """One thing a tool said: where (catalog, msgctxt or line) and what (its own words)."""

    locale: str
    msgctxt: str
    line: int
    name: str


# --- Injecting ------------------------------------------------------------------------------------


def block(text: str, msgctxt: str) -> tuple[int, int]:
    """Character span of the entry holding msgctxt: from after the blank line to the next one."""
    at = text.index(f'msgctxt "{msgctxt}"\n')
    start = text.rfind("\n\n", 0, at) + 2
    end = text.find("\n\n", at)
    return start, (len(text) if end < 0 else end + 1)


def set_msgstr(text: str, msgctxt: str, new: str) -> str:
    start, end = block(text, msgctxt)
    entry = text[start:end]
    head = entry[: entry.index("\nmsgstr") + 1]
    return text[:start] + head + f"msgstr {normalize(new, width=79)}\n" + text[end:]


def _edit_entry(text: str, msgctxt: str, change: Callable[[str], str]) -> str:
    start, end = block(text, msgctxt)
    return text[:start] + change(text[start:end]) + text[end:]


@dataclass
class _Target:
    """Picks entries of a catalog by what their English holds."""

    messages: list

    def first(self, test: Callable) -> object:
        return next(m for m in self.messages if test(m))


@dataclass(frozen=True)
class Roles:
    """Which translated locale takes which faults, chosen from the configuration's profiles."""

    content: LocaleProfile  # missing, fuzzy, unchanged, placeholder, link target, emphasis
    markup: LocaleProfile  # raw HTML, javascript: link, wrong script, duplicate
    plural: LocaleProfile | None  # a plural form removed: a locale with two forms or more
    neighbour: LocaleProfile | None  # a close language's words: a locale whose profile names one
    header: LocaleProfile | None  # the Plural-Forms header changed (a catalog of its own)
    syntax: LocaleProfile  # a broken line (a catalog of its own)
    foreign_script: str | None  # a phrase in another script than markup's


def roles(root: Path) -> Roles:
    """Spread the faults over the translated locales of mkdocs.yml, each to one that can show it."""
    project = Project(root)
    profiles = [p for p in load_profiles(project.mkdocs_yml, project.locales, root) if not p.source]
    count = len(profiles)
    content, markup = profiles[0], profiles[1 % count]
    plural = next((p for p in [markup, *profiles] if p.nplurals >= 2), None)
    neighbour = next((p for p in profiles if p.settings.foreign is not None and p.settings.foreign.words), None)
    syntax = profiles[-1]
    header = profiles[-2] if count >= 2 else None  # alone with the syntax fault it would go unseen
    other = next((p for p in profiles if p.script != markup.script), None)
    if other is not None:
        foreign_script = translate("Check the order of the customer", other.code, [])
    else:
        foreign_script = None if markup.script == "Latn" else "Check the order of the customer"
    return Roles(content, markup, plural, neighbour, header, syntax, foreign_script)


def inject(root: Path, second: Path) -> list[Fault]:
    """Put one problem of each kind into the corpus at root; return what was put where.

    A broken header or PO syntax makes a catalog unreadable as a whole, hiding every
    other problem in it from a tool that parses first; those two go into the copy at
    `second` instead, one catalog each. The locales come from mkdocs.yml (`roles`); a
    kind no configured locale can show (no close neighbour in any profile) is left out.
    """
    project = Project(root)
    faults: list[Fault] = []
    cast = roles(root)

    def edit(locale: str, change: Callable[[str], str], where: Project = project) -> None:
        path = where.catalog(locale)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def pick(locale: str) -> _Target:
        messages = [m for m in read_catalog(project.catalog(locale), locale) if m.id and m.context]
        return _Target(messages)

    def put(
        kind: str, locale: str, msg, scope: str, what: str, change: Callable[[str], str], apart: bool = False
    ) -> None:
        edit(locale, change, Project(second) if apart else project)
        context = msg.context if msg is not None else ""
        faults.append(Fault(kind, locale, context, scope, what, apart))

    def plain(m) -> bool:
        return isinstance(m.id, str) and not m.context.startswith("ui.")

    used: set[str] = set()

    def fresh(target: _Target, test: Callable) -> object:
        msg = target.first(lambda m: m.context not in used and test(m))
        used.add(msg.context)
        return msg

    first, loc = pick(cast.content.code), cast.content.code
    m = fresh(first, lambda m: plain(m) and ".actions." in m.context)
    put("missing", loc, m, "entry", "msgstr emptied", lambda t, m=m: set_msgstr(t, m.context, ""))
    m = fresh(first, lambda m: plain(m) and m.context.endswith(".title"))
    put(
        "fuzzy",
        loc,
        m,
        "entry",
        "marked #, fuzzy",
        lambda t, m=m: _edit_entry(t, m.context, lambda e: e.replace("msgctxt", "#, fuzzy\nmsgctxt", 1)),
    )
    m = fresh(first, lambda m: plain(m) and ".actions." in m.context)
    put("unchanged", loc, m, "entry", "msgstr = the English", lambda t, m=m: set_msgstr(t, m.context, m.id))
    m = fresh(first, lambda m: plain(m) and "{" in m.id)
    renamed = re.sub(r"\{([a-z_]+)\}", r"{\1_renamed}", m.string, count=1)
    put(
        "placeholder",
        loc,
        m,
        "entry",
        "{name} renamed",
        lambda t, m=m, s=renamed: set_msgstr(t, m.context, s),
    )
    m = fresh(first, lambda m: plain(m) and "](https://" in m.id)
    moved = m.string.replace("https://example.org/", "https://example.net/", 1)
    put(
        "link target",
        loc,
        m,
        "entry",
        "link URL changed",
        lambda t, m=m, s=moved: set_msgstr(t, m.context, s),
    )
    m = fresh(first, lambda m: plain(m) and "**" in m.id and "\n" not in m.id)
    unbold = m.string.replace("**", "")
    put(
        "emphasis lost",
        loc,
        m,
        "entry",
        "**bold** dropped",
        lambda t, m=m, s=unbold: set_msgstr(t, m.context, s),
    )

    markup, loc = pick(cast.markup.code), cast.markup.code
    m = fresh(markup, lambda m: plain(m) and ".body." in m.context)
    html = m.string + " <script>alert(1)</script>"
    put("raw HTML", loc, m, "entry", "<script> added", lambda t, m=m, s=html: set_msgstr(t, m.context, s))
    m = fresh(markup, lambda m: plain(m) and "](https://" in m.id)
    js = re.sub(r"\]\(https://[^)]*\)", "](javascript:alert(1))", m.string, count=1)
    put(
        "javascript: link",
        loc,
        m,
        "entry",
        "link → javascript:",
        lambda t, m=m, s=js: set_msgstr(t, m.context, s),
    )
    if cast.plural is not None:
        last = cast.plural.nplurals - 1
        m = fresh(pick(cast.plural.code), lambda m: isinstance(m.id, tuple | list))
        put(
            "plural count",
            cast.plural.code,
            m,
            "entry",
            f"msgstr[{last}] removed",
            lambda t, m=m: _edit_entry(t, m.context, lambda e: re.sub(rf'msgstr\[{last}\] "[^\n]*"\n', "", e)),
        )
    if cast.foreign_script is not None:
        m = fresh(markup, lambda m: plain(m) and ".actions." in m.context)
        words = cast.foreign_script
        what = f"another script than {cast.markup.script}"
        put("wrong script", loc, m, "entry", what, lambda t, m=m, s=words: set_msgstr(t, m.context, s))
    m = fresh(markup, lambda m: plain(m) and m.context.endswith(".summary"))
    put(
        "duplicate",
        loc,
        m,
        "file",
        "entry repeated at the end",
        lambda t, m=m: t + "\n" + t[slice(*block(t, m.context))],
    )

    if cast.neighbour is not None and cast.neighbour.settings.foreign is not None:
        foreign = cast.neighbour.settings.foreign
        m = fresh(pick(cast.neighbour.code), lambda m: plain(m) and ".actions." in m.context)
        sentence = " ".join(word.rstrip("*") for word in foreign.words[:8])
        put(
            f"{foreign.name} in {cast.neighbour.english_name}",
            cast.neighbour.code,
            m,
            "entry",
            f"words of {foreign.name}",
            lambda t, m=m, s=sentence: set_msgstr(t, m.context, s),
        )
    if cast.header is not None:
        n = cast.header.nplurals
        wrong = n - 1 if n >= 3 else n + 1
        put(
            "Plural-Forms header",
            cast.header.code,
            None,
            "file",
            f"nplurals={wrong} in the header",
            lambda t: re.sub(r"Plural-Forms: [^\\]*", f"Plural-Forms: nplurals={wrong}; plural=(n != 1);", t, count=1),
            apart=True,
        )

    m = fresh(pick(cast.syntax.code), lambda m: plain(m) and m.context.endswith(".title") and "\n" not in m.string)
    put(
        "syntax",
        cast.syntax.code,
        m,
        "file",
        "closing quote of msgstr dropped",
        lambda t, m=m: _edit_entry(t, m.context, lambda e: re.sub(r'(msgstr "[^\n]*)"\n', r"\1\n", e)),
        apart=True,
    )
    return faults


# --- Running the tools ----------------------------------------------------------------------------


def crkb_reports(root: Path, locales: list[str]) -> list[Report]:
    result = run([tool("crkb"), "--root", str(root), "check", "--format", "json"], check=False)
    data = json.loads(result.stdout)
    by_path = {Project(root).catalog(loc).relative_to(root).as_posix(): loc for loc in locales}
    return [
        Report(by_path.get(p["path"], "?"), p["msgctxt"], p["line"], p["code"])
        for p in data["problems"]
        if p["severity"] == "error" or p["code"] != "glossary"
    ]


_POFILTER = re.compile(r"^# \(pofilter\) (\w+):", re.MULTILINE)
_CONTEXT = re.compile(r'^msgctxt "(.*)"$', re.MULTILINE)


def pofilter_reports(root: Path, locales: list[str], out: Path) -> list[Report]:
    reports = []
    for locale in locales:
        target = out / f"{locale}.po"
        target.unlink(missing_ok=True)
        cmd = [tool("pofilter"), "--progress=none", f"--language={locale}"]
        result = run([*cmd, "-i", str(Project(root).catalog(locale)), "-o", str(target)], check=False)
        if "Error processing" in result.stderr:
            line = re.search(r"on line (\d+)", result.stderr)
            reports.append(Report(locale, "", int(line.group(1)) if line else 0, "error processing file"))
        if target.is_file():
            for block in target.read_text(encoding="utf-8").split("\n\n"):
                context = _CONTEXT.search(block)
                for test in _POFILTER.findall(block):
                    reports.append(Report(locale, context.group(1) if context else "", 0, test))
    return reports


_MSGFMT = re.compile(r"^(?P<path>[^:\n]+\.po):(?P<line>\d+): (?P<message>.*)$", re.MULTILINE)
_STATS = re.compile(r"(\d+) (fuzzy|untranslated)")


def msgfmt_reports(root: Path, locales: list[str]) -> list[Report]:
    reports = []
    for locale in locales:
        path = Project(root).catalog(locale)
        result = run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)], check=False)
        for m in _MSGFMT.finditer(result.stderr):
            reports.append(Report(locale, "", int(m.group("line")), _generic(m.group("message"))))
        for count, what in _STATS.findall(result.stderr):
            reports.extend(Report(locale, "", 0, f"statistics: {what}") for _ in range(int(count)))
    return reports


def _generic(message: str) -> str:
    return re.sub(r"\d+", "N", message)


# --- Matching reports to faults -------------------------------------------------------------------


def spans_of(roots: dict[bool, Path], faults: list[Fault]) -> dict[Fault, tuple[int, int]]:
    """The lines each faulty entry takes in its faulty catalog."""
    spans = {}
    for fault in faults:
        if not fault.msgctxt:
            spans[fault] = (1, 20)
            continue
        text = Project(roots[fault.apart]).catalog(fault.locale).read_text(encoding="utf-8")
        start, end = block(text, fault.msgctxt)
        spans[fault] = (text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 1)
    return spans


def attribute(
    faults: list[Fault], spans: dict[Fault, tuple[int, int]], clean: list[Report], faulty: list[Report]
) -> dict[str, list[str]]:
    """For each fault kind, what the tool newly reported for it (empty: not detected)."""
    seen = {(r.locale, r.msgctxt, r.name) for r in clean}
    baseline_stats = _count_stats(clean)
    found: dict[str, list[str]] = {f.kind: [] for f in faults}
    stats = _count_stats(faulty)
    for report in faulty:
        if report.name.startswith("statistics:"):
            continue
        if report.msgctxt and (report.locale, report.msgctxt, report.name) in seen:
            continue
        if not report.msgctxt and (report.locale, "", report.name) in seen:
            continue
        fault = _match(report, faults, spans)
        if fault is not None and report.name not in found[fault.kind]:
            found[fault.kind].append(report.name)
    for (locale, what), n in stats.items():
        if n > baseline_stats.get((locale, what), 0):
            kind = {"fuzzy": "fuzzy", "untranslated": "missing"}[what.removeprefix("statistics: ")]
            for fault in faults:
                if fault.kind == kind and fault.locale == locale:
                    found[kind].append(what)
    return found


def _count_stats(reports: list[Report]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for r in reports:
        if r.name.startswith("statistics:"):
            counts[(r.locale, r.name)] = counts.get((r.locale, r.name), 0) + 1
    return counts


def _match(report: Report, faults: list[Fault], spans: dict[Fault, tuple[int, int]]) -> Fault | None:
    here = [f for f in faults if f.locale == report.locale]
    for fault in here:
        if fault.scope == "entry" and fault.msgctxt and report.msgctxt == fault.msgctxt:
            return fault
        low, high = spans[fault]
        if fault.scope == "entry" and report.line and low <= report.line <= high:
            return fault
    for fault in here:
        if fault.scope == "file":
            return fault
    return None


def compare(clean_root: Path, work: Path) -> dict:
    """Inject the faults into copies of clean_root and see what each tool reports."""
    roots = {False: work / "faulty", True: work / "faulty-files"}
    for root in roots.values():
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(clean_root, root, ignore=shutil.ignore_patterns("site*"))
    faults = inject(roots[False], roots[True])
    configured = translated_locales(Project(clean_root).mkdocs_yml)
    locales = sorted({f.locale for f in faults}, key=configured.index)
    spans = spans_of(roots, faults)
    out = work / "pofilter-out"
    out.mkdir(parents=True, exist_ok=True)
    runs = {
        "crkb check": lambda root: crkb_reports(root, locales),
        "pofilter": lambda root: pofilter_reports(root, locales, out),
        "msgfmt --check": lambda root: msgfmt_reports(root, locales),
    }
    table: dict[str, dict[str, list[str]]] = {}
    noise: dict[str, dict[str, int]] = {}
    for name, get in runs.items():
        clean = get(clean_root)
        noise[name] = _tally(r.name for r in clean if not r.name.startswith("statistics:"))
        table[name] = {}
        for apart, root in roots.items():
            group = [f for f in faults if f.apart == apart]
            table[name].update(attribute(group, spans, clean, get(root)))
        table[name] = {f.kind: table[name][f.kind] for f in faults}
    return {
        "faults": [{"kind": f.kind, "locale": f.locale, "msgctxt": f.msgctxt, "what": f.what} for f in faults],
        "detected": {name: {kind: bool(v) for kind, v in found.items()} for name, found in table.items()},
        "evidence": table,
        "kinds_detected": {name: sum(bool(v) for v in found.values()) for name, found in table.items()},
        "reports_on_clean_corpus": noise,
    }


def _tally(names) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))
