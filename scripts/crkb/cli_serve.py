"""`crkb serve`: a translator's preview, the source language plus the chosen ones, rebuilt per save."""

from __future__ import annotations

import os
import subprocess
import sys

import click

from .cli import LocaleParam
from .project import Project


@click.command("serve")
@click.option(
    "--locale",
    "-l",
    "locales",
    multiple=True,
    type=LocaleParam(),
    help="Build this language besides the source (repeatable; default: every language).",
)
@click.option(
    "--dev-addr",
    "-a",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    help="Address to serve the preview on.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.pass_obj
def serve(project: Project, locales: tuple[str, ...], dev_addr: str, open_browser: bool) -> None:
    """Preview the site while you translate: http://127.0.0.1:8000/<locale>/.

    Builds the source language and the languages given with --locale, then
    watches playbooks/ and locales/: after each save it reads only the files
    that changed, localizes again only the languages they affect and renders
    again only the pages whose text or navigation changed, so the page in the
    browser shows the edit within a second or two. Stop it with Ctrl+C.

    It runs `mkdocs serve --dirty` with CRKB_LOCALES set; search in the preview
    covers the languages built. For the site as published, use `mkdocs build`.
    """
    from .mkdocs_plugin import LOCALES_ENV

    if not project.mkdocs_yml.is_file():
        raise click.UsageError(f"no mkdocs.yml in {project.root} (run it inside the project, or pass --root)")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", str(project.mkdocs_yml)]
    command += ["-a", dev_addr, *(["--open"] if open_browser else [])]
    env = {**os.environ, LOCALES_ENV: ",".join(locales), "NO_MKDOCS_2_WARNING": "1"}
    try:
        sys.exit(subprocess.call(command, env=env))
    except KeyboardInterrupt:  # Ctrl+C reaches MkDocs too, which stops on its own
        sys.exit(130)
