"""The `crkb` command line: thin commands over the modules that do the work."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .problems import Problem, Severity
from .project import Project

pass_project = click.make_pass_decorator(Project)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crkb")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder (default: the nearest folder above holding mkdocs.yml).",
)
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """Playbooks on customer loyalty and service, in five languages.

    Validate the English playbooks, keep the translation catalogs in step,
    check every locale and build printable checklists.
    """
    ctx.obj = Project(root.resolve()) if root else Project.find()


def report(problems: list[Problem], ok_message: str) -> None:
    """Print problems one per line and exit 1 on any error; print ok_message otherwise."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.code)):
        click.echo(
            click.style(f"{problem.severity.value}: ", fg="red" if problem in errors else "yellow")
            + problem.format(),
            err=True,
        )
    if errors:
        warnings = len(problems) - len(errors)
        click.echo(f"{len(errors)} error(s), {warnings} warning(s)", err=True)
        sys.exit(1)
    warnings = len(problems) - len(errors)
    click.echo(ok_message + (f" ({warnings} warning(s))" if warnings else ""))


@main.command()
@click.option("--no-layout", is_flag=True, help="Skip laying out the checklists (the page-fit warning).")
@pass_project
def validate(project: Project, no_layout: bool) -> None:
    """Validate every playbook in playbooks/ against the schema.

    Prints one line per problem (file:line:column: field: what is wrong) and
    exits 1 if there is any error. Also warns where a checklist breaks the
    design rules: a long action, one that does not start with a verb, a
    checklist that does not fit one page. Warnings do not fail.
    """
    from .lint import lint_fit, lint_playbook
    from .model import load_playbooks

    books, problems = load_playbooks(project.playbooks, project.root)
    for book in books:
        problems.extend(lint_playbook(book, project.root))
    if books and not no_layout and not problems_are_errors(problems):
        from .localize import Localizer
        from .render.checklist import page_counts
        from .site import Site

        site = Site(project, ["en"], books, {"en": Localizer("en")}, with_pdfs=False)
        problems.extend(lint_fit(page_counts(site, "en"), books, project.root))
    report(problems, f"{len(books)} playbook(s) valid")


def problems_are_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def _fail_on(found) -> None:
    """Print a loader's problems and exit 1: bad input never ends in a traceback."""
    for problem in found.problems:
        click.echo(f"error: {problem.format()}", err=True)
    click.echo(f"{len(found.problems)} error(s)", err=True)
    sys.exit(1)


@main.command()
@pass_project
def extract(project: Project) -> None:
    """Write the translation template locales/crkb.pot from the playbooks.

    One message per translatable string, with its stable id as msgctxt, a
    reference to the YAML line and a comment for translators. Running it
    twice gives the same bytes.
    """
    from .catalogs import extract as run
    from .problems import ProblemsFound

    try:
        written = run(project)
    except ProblemsFound as found:
        _fail_on(found)
    state = "written" if written.changed else "unchanged"
    click.echo(f"{written.path.relative_to(project.root)}: {state}")


@main.command()
@click.option("--locale", "-l", "locales", multiple=True, help="Only this locale (repeatable).")
@pass_project
def update(project: Project, locales: tuple[str, ...]) -> None:
    """Re-extract the template and merge it into every catalog.

    New strings appear untranslated; changed strings become fuzzy and keep the
    previous English (#| msgid); removed strings become obsolete (#~). On an
    up-to-date tree nothing changes.
    """
    from .catalogs import update as run
    from .locales import translated_locales
    from .problems import ProblemsFound

    known = translated_locales(project.mkdocs_yml)
    if unknown := [loc for loc in locales if loc not in known]:
        raise click.BadParameter(
            f"{', '.join(unknown)} not in mkdocs.yml (known: {', '.join(known)})",
            param_hint="--locale",
        )
    try:
        results = run(project, list(locales) or None)
    except ProblemsFound as found:
        _fail_on(found)
    for written in results:
        state = "updated" if written.changed else "unchanged"
        click.echo(f"{written.path.relative_to(project.root)}: {state}")


@main.command()
@click.option("--locale", "-l", "locales", multiple=True, help="Only this locale (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for pull-request annotations.",
)
@click.option("--strict", is_flag=True, help="Treat warnings (obsolete, glossary) as errors.")
@pass_project
def check(project: Project, locales: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check that every locale is complete and correct.

    Against the playbooks as they are now: missing, stale (fuzzy or changed),
    obsolete and unchanged strings; placeholders, links, code and Markdown
    structure; unsafe markup; plural forms and the header; script and
    language (Czech kept out of Slovak and the reverse); the glossary.

    Exit status: 0 all clean, 1 problems found, 2 usage error or unreadable input.
    """
    from .checks.output import FORMATS
    from .checks.run import check as run
    from .locales import translated_locales

    known = translated_locales(project.mkdocs_yml)
    if unknown := [loc for loc in locales if loc not in known]:
        raise click.BadParameter(
            f"{', '.join(unknown)} not in mkdocs.yml (known: {', '.join(known)})",
            param_hint="--locale",
        )
    report = run(project, list(locales) or None)
    problems = report.all_problems(strict)
    click.echo(FORMATS[fmt](report, problems))
    if any(p.code == "unreadable" for p in problems):
        sys.exit(2)
    sys.exit(1 if any(p.severity is Severity.ERROR for p in problems) else 0)


@main.command()
@pass_project
def status(project: Project) -> None:
    """Translation progress per locale and per playbook, as a table."""
    from .checks.run import check as run

    report = run(project)
    if not report.results:
        click.echo("no translated locales in mkdocs.yml")
        return
    prefixes = list(report.results[0].by_prefix)
    header = ["", *(r.locale for r in report.results)]
    rows = [header]
    for prefix in prefixes:
        cells = [
            f"{r.by_prefix.get(prefix, (0, 0))[0]}/{r.by_prefix.get(prefix, (0, 0))[1]}"
            for r in report.results
        ]
        rows.append(["interface" if prefix == "ui" else prefix, *cells])
    rows.append(["total", *(f"{r.percent:.0f}%" for r in report.results)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        click.echo(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
        )


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


def _register_commands() -> None:
    """Commands kept in their own modules; their heavy imports stay inside the command."""
    from .cli_checklists import checklists

    main.add_command(checklists)


_register_commands()


@main.group()
def locale() -> None:
    """Manage the site's languages."""


@locale.command("add")
@click.argument("code")
@pass_project
def locale_add(project: Project, code: str) -> None:
    """Add the language CODE (e.g. de, pl, uk) in one step.

    Registers it in mkdocs.yml (the one list of the site's languages), creates
    locales/CODE/LC_MESSAGES/crkb.po from the template with its header and
    CLDR plural forms, and a glossary to fill in.
    """
    from .languages import add_language
    from .problems import ProblemsFound

    try:
        written = add_language(project, code)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="CODE") from None
    except ProblemsFound as found:
        _fail_on(found)
    for path in written:
        click.echo(f"{path.relative_to(project.root)}: written")
    click.echo(
        f"next: translate {project.catalog(code).relative_to(project.root)}, then `crkb check -l {code}`"
    )
