"""The `crkb` command line: each command parses its options, calls one module, prints through report.py.

Heavy imports (typst, MkDocs) stay inside the commands that need them, so
`crkb --help` is instant.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import __version__
from .problems import Problem, ProblemsFound, Severity
from .project import Project

pass_project = click.make_pass_decorator(Project)


class LocaleParam(click.ParamType):
    """A locale listed in mkdocs.yml; every command says "unknown locale" the same way."""

    name = "LOCALE"

    def __init__(self, translated: bool = True) -> None:
        self.translated = translated

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from .locales import locales_from

        project = ctx.find_object(Project) if ctx else None
        known = locales_from(project.mkdocs_yml) if project and project.mkdocs_yml.is_file() else []
        if self.translated:
            known = known[1:]
        if value not in known:
            self.fail(f"unknown locale {value!r} (known: {', '.join(known) or 'none'})", param, ctx)
        return value


def fail(problems: list[Problem], code: int = 1) -> None:
    """Print problems one per line with their fix, then exit: bad input never ends in a traceback."""
    from .report import problem_lines, summary

    for line in problem_lines(problems):
        click.echo(line, err=True)
    click.echo(summary(problems), err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crkb")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder (default: the nearest folder above holding mkdocs.yml).",
)
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """Customer-relations playbooks in every language of the site.

    Validate the English playbooks, keep the translation catalogs in step,
    check every locale and build printable checklists.
    """
    ctx.obj = Project(root.resolve()) if root else Project.find()


@main.command()
@click.option("--no-layout", is_flag=True, help="Skip laying out the checklists in every language.")
@click.option("--strict", is_flag=True, help="Treat warnings (an overdue review, a long action) as errors.")
@pass_project
def validate(project: Project, no_layout: bool, strict: bool) -> None:
    """Validate every playbook in playbooks/ against the schema and the rules.

    Prints one line per problem (file:line:column: field: what is wrong, then the
    fix) and exits 1 if there is any error. The English is held to the same
    safety rules as every translation (no HTML, no outside links or images, no
    invisible characters), and to the checklist design rules: short actions that
    start with a verb, a review that is not overdue, and a printed checklist
    that fits one page in every language (laid out unless --no-layout).
    """
    from .validate import validate as run

    problems, count = run(project, layout=not no_layout, today=dt.date.today())
    if strict:
        problems = [p.as_error() for p in problems]
    finish(problems, f"{count} playbook(s) valid")


def finish(problems: list[Problem], ok_message: str) -> None:
    """Exit 1 with the problems if any is an error; else print them (warnings) and ok_message."""
    if any(p.severity is Severity.ERROR for p in problems):
        fail(problems)
    from .report import problem_lines

    for line in problem_lines(problems):
        click.echo(line, err=True)
    warnings = f" ({len(problems)} warning(s))" if problems else ""
    click.echo(ok_message + warnings)


@main.command()
@pass_project
def extract(project: Project) -> None:
    """Write the translation template locales/crkb.pot from the playbooks.

    One message per translatable string, with its stable id as msgctxt, a
    reference to the YAML line and a comment for translators. Running it
    twice gives the same bytes.
    """
    from .sync import extract as run

    try:
        written = run(project)
    except ProblemsFound as found:
        fail(found.problems)
    state = "written" if written.changed else "unchanged"
    click.echo(f"{written.path.relative_to(project.root)}: {state}")


@main.command()
@click.option("--locale", "-l", "locales", type=LocaleParam(), multiple=True, help="Only this locale (repeatable).")
@pass_project
def update(project: Project, locales: tuple[str, ...]) -> None:
    """Re-extract the template and merge it into every catalog.

    New strings appear untranslated; changed strings become fuzzy and keep the
    previous English (#| msgid); removed strings become obsolete (#~). Every
    catalog is written, or none; on an up-to-date tree nothing changes.
    """
    from .sync import update as run

    try:
        results = run(project, list(locales) or None)
    except ProblemsFound as found:
        fail(found.problems)
    for written in results:
        state = "updated" if written.changed else "unchanged"
        click.echo(f"{written.path.relative_to(project.root)}: {state}")


@main.command()
@click.option("--locale", "-l", "locales", type=LocaleParam(), multiple=True, help="Only this locale (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for pull-request annotations.",
)
@click.option("--strict", is_flag=True, help="Treat warnings (obsolete, glossary, inconsistent) as errors.")
@click.option(
    "--changed-since",
    "since",
    metavar="REF",
    help="Judge a pull request: languages whose catalogs did not change since the git REF "
    "get missing and stale strings as warnings, so an English edit does not fail them.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Check this many languages at a time, each in a process of its own  [default: 0, one per CPU].",
)
@pass_project
def check(project: Project, locales: tuple[str, ...], fmt: str, strict: bool, since: str | None, jobs: int) -> None:
    """Check that every locale is complete and correct.

    Against the playbooks as they are now: missing, stale (fuzzy or changed),
    obsolete and unchanged strings; placeholders, links, images, code and
    Markdown structure; unsafe markup and invisible characters; plural forms
    and the header; every line's syntax; script and language (Czech kept out of
    Slovak and the reverse); the glossary's terms, by lemma; one English, one
    translation (inconsistent); figures as CLDR writes them (numbers); the
    language's typography from its locale.yml, CLDR and the glossary's ё policy.
    A language marked in progress in its locale.yml reports missing strings as
    warnings. Every code is explained in CONTRIBUTING.md.

    Exit status: 0 all clean, 1 problems found, 2 usage error or unreadable input.
    """
    from .checks.run import check as run
    from .render.layout import cores
    from .report import FORMATS

    lenient = frozenset()
    if since:
        from .changes import untouched_locales

        try:
            lenient = untouched_locales(project, since)
        except ValueError as err:
            raise click.BadParameter(str(err), param_hint="--changed-since") from None
    report = run(project, list(locales) or None, lenient, jobs=jobs or cores())
    problems = report.all_problems(strict)
    statuses = [(r.status, r.path) for r in report.locales]
    click.echo(FORMATS[fmt](statuses, problems))
    if report.unreadable:
        sys.exit(2)
    sys.exit(1 if any(p.severity is Severity.ERROR for p in problems) else 0)


@main.command()
@click.option("--locale", "-l", "locales", type=LocaleParam(), multiple=True, help="Only this locale (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_project
def status(project: Project, locales: tuple[str, ...], fmt: str) -> None:
    """Translation progress per locale and per playbook: translated, stale, missing.

    Shares are rounded down, so a language is 100 % only when nothing is missing.
    Exits 2 if a catalog cannot be read.
    """
    from .status_table import print_status

    sys.exit(print_status(project, list(locales) or None, fmt))


@main.command()
@click.argument("text")
@click.option("--locale", "-l", "locales", type=LocaleParam(translated=False), multiple=True, help="Only this locale.")
@pass_project
def find(project: Project, text: str, locales: tuple[str, ...]) -> None:
    """Find the entry that holds TEXT, in English or any language.

    Prints the id (msgctxt) and file:line of each string containing TEXT
    (case and line wrapping ignored), so a sentence seen on a page leads
    straight to the line to edit. Exits 1 when nothing matches.
    """
    from .finder import find_text

    try:
        hits = find_text(project, text, list(locales) or None)
    except ProblemsFound as found:
        fail(found.problems)
    for hit in hits:
        click.echo(hit.format())
    if not hits:
        click.echo(f"no string contains {text!r}", err=True)
        sys.exit(1)


@main.command()
@pass_project
def schema(project: Project) -> None:
    """Write playbooks/schema.json, the JSON Schema editors use to complete and check playbooks.

    It is derived from the same pydantic model the validator uses.
    """
    import json

    from .fileio import write_atomic
    from .model import Playbook

    target = project.playbooks / "schema.json"
    data = json.dumps(Playbook.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    state = "written" if write_atomic(target, data.encode()) else "unchanged"
    click.echo(f"{target.relative_to(project.root)}: {state}")


@main.group()
def locale() -> None:
    """Manage the site's languages."""


@locale.command("add")
@click.argument("code")
@pass_project
def locale_add(project: Project, code: str) -> None:
    """Add the language CODE (e.g. de, pl, uk) in one step, as a language in progress.

    Registers it in mkdocs.yml (the one list of the site's languages), creates
    locales/CODE/ with its catalog (header and CLDR plural forms), its locale
    profile (status: in-progress) and a glossary to fill in, and a CODEOWNERS
    entry for its reviewers.
    """
    from .languages import add_language

    try:
        written = add_language(project, code)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="CODE") from None
    except ProblemsFound as found:
        fail(found.problems)
    for path in written:
        click.echo(f"{path.relative_to(project.root)}: written")
    catalog = project.catalog(code).relative_to(project.root)
    click.echo(f"next: translate {catalog}, then `crkb check -l {code}` (see CONTRIBUTING.md)")


@main.command()
@click.option(
    "--changed-since",
    "since",
    metavar="REF",
    help="The change to review: what differs from the git REF (e.g. origin/main).",
)
@click.option(
    "--files",
    type=click.File(encoding="utf-8"),
    help="The change to review: a file listing the changed paths, one a line ('-' for stdin).",
)
@click.option("--author", default="", metavar="LOGIN", help="The change's author: never asked to review it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_project
def reviewers(project: Project, since: str | None, files, author: str, fmt: str) -> None:
    """Who reviews a change: the reviewers of each language whose locales/<code>/ it touches.

    Reviewers come from each language's line in .github/CODEOWNERS (written,
    commented out, by `crkb locale add`). JSON gives the users to request
    (`gh pr edit --add-reviewer`) and a pull-request comment naming the touched
    languages nobody reviews yet; the review-request workflow uses both.
    """
    import json

    from .locales import translated_locales
    from .reviewers import CODEOWNERS, reviews, unclaimed_comment

    if (since is None) == (files is None):
        raise click.UsageError("give the change as --changed-since REF or --files PATH")
    if files is not None:
        paths = files.read().splitlines()
    else:
        from .changes import changed_files

        try:
            paths = changed_files(project, since)
        except ValueError as err:
            raise click.BadParameter(str(err), param_hint="--changed-since") from None
    owners_file = project.root / CODEOWNERS
    codeowners = owners_file.read_text(encoding="utf-8") if owners_file.is_file() else ""
    found = reviews(codeowners, paths, translated_locales(project.mkdocs_yml), author)
    if fmt == "json":
        data = {
            "locales": [{"locale": r.locale, "name": r.name, "reviewers": list(r.reviewers)} for r in found],
            "reviewers": sorted({n for r in found for n in r.reviewers}),
            "comment": unclaimed_comment(found),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r in found:
        who = " ".join(f"@{n}" for n in r.reviewers) or f"no reviewer yet: claim its line in {CODEOWNERS}"
        click.echo(f"{r.locale}  {r.name}: {who}")
    if not found:
        click.echo("the change touches no language's catalog folder")


def _register_commands() -> None:
    """Commands kept in their own modules; their heavy imports stay inside the command."""
    from .cli_checklists import checklists
    from .cli_serve import serve

    main.add_command(checklists)
    main.add_command(serve)


_register_commands()
