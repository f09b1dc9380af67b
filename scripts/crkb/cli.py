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
    for problem in sorted(problems):
        click.echo(
            click.style(f"{problem.severity.value}: ", fg="red" if problem in errors else "yellow")
            + problem.format(),
            err=True,
        )
    if errors:
        warnings = len(problems) - len(errors)
        click.echo(f"{len(errors)} error(s), {warnings} warning(s)", err=True)
        sys.exit(1)
    click.echo(ok_message)


@main.command()
@pass_project
def validate(project: Project) -> None:
    """Validate every playbook in playbooks/ against the schema.

    Prints one line per problem (file:line:column: field: what is wrong) and
    exits 1 if there is any error.
    """
    from .model import load_playbooks

    books, problems = load_playbooks(project.playbooks, project.root)
    report(problems, f"{len(books)} playbook(s) valid")


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
