"""A fresh clone works as CONTRIBUTING describes: nothing tracked is ignored, the pre-commit hooks run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from roundtrip_helpers import REPO

pytestmark = pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs a git checkout")


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    # core.excludesFile=/dev/null: judge the project's .gitignore, not the machine's global one
    return subprocess.run(["git", "-c", "core.excludesFile=/dev/null", *args], cwd=REPO, capture_output=True, text=True)


def test_no_tracked_file_is_ignored() -> None:
    tracked_but_ignored = _git("ls-files", "--cached", "--ignored", "--exclude-standard").stdout.split()
    assert not tracked_but_ignored, f".gitignore matches tracked files: {tracked_but_ignored}"


def test_the_template_is_not_ignored() -> None:
    assert (REPO / "locales" / "crkb.pot").is_file()
    ignored = _git("check-ignore", "--no-index", "--verbose", "locales/crkb.pot")
    assert ignored.returncode == 1, f"locales/crkb.pot is ignored by {ignored.stdout.strip()}"


# --- pre-commit -------------------------------------------------------------------------------
#
# pre-commit runs a `repo: local` hook with `language: system` (called `unsupported` since
# pre-commit 4.4) or `script` as a plain command from the repository root, with the PATH
# of whoever commits: no venv is active there. A `language: python` local hook gets a
# fresh environment with only its additional_dependencies (pre_commit/repository.py:
# `store.make_local(deps)`), never this working tree's crkb. So an entry must name an
# executable that exists without an activated venv: a script tracked in the repository,
# the console script in the `.venv` that `make test` creates (CONTRIBUTING, step 1), or a
# system tool that is not a bare Python (`python -m crkb` would need crkb installed for it).

_PLAIN_LANGUAGES = {"system", "unsupported", "script", "unsupported_script"}
_PYTHONS = re.compile(r"python(\d(\.\d+)?)?")


def _local_hooks() -> list[dict]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert hooks, "no local hooks in .pre-commit-config.yaml"
    return hooks


def _venv_folder() -> str:
    """The virtualenv folder the Makefile creates (`VENV ?= .venv`)."""
    found = re.search(r"^VENV\s*\??=\s*(\S+)", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert found, "the Makefile names no VENV"
    return found.group(1).rstrip("/")


def _console_scripts() -> set[str]:
    """The names under [project.scripts] in pyproject.toml (read by hand: tomllib needs Python 3.11)."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    section = re.search(r"^\[project\.scripts\]\n((?:[^\[\n].*\n|\n)*)", text, re.MULTILINE)
    assert section, "pyproject.toml declares no console scripts"
    return set(re.findall(r"^([\w.-]+)\s*=", section.group(1), re.MULTILINE))


def _why_not_found(entry: str, language: str) -> str | None:
    """None if the hook's command runs in a fresh clone without an activated venv, else why not."""
    command = shlex.split(entry)[0]
    if language not in _PLAIN_LANGUAGES:
        return f"language: {language} installs its own environment, without this working tree's crkb"
    venv = _venv_folder()
    if command.startswith(f"{venv}/bin/"):
        name = command.removeprefix(f"{venv}/bin/")
        if name not in _console_scripts():
            return f"{command}: the project installs no console script {name!r}"
        return None
    if "/" in command:
        path = REPO / command
        return None if path.is_file() and os.access(path, os.X_OK) else f"{command}: no executable in the repo"
    if _PYTHONS.fullmatch(command):
        return f"{command}: a system Python has no crkb"
    if shutil.which(command, path=os.defpath) is None:
        return f"{command}: not on a PATH without the venv ({os.defpath})"
    return None


def test_pre_commit_hooks_run_without_an_activated_venv() -> None:
    problems = [
        f"{hook['id']}: {why}"
        for hook in _local_hooks()
        if (why := _why_not_found(hook["entry"], hook.get("language", "")))
    ]
    assert not problems, "\n".join(problems)


def test_pre_commit_hook_commands_are_real_crkb_commands() -> None:
    """Each hook's entry, run through the console script, is a command `crkb` knows."""
    from click.testing import CliRunner
    from crkb.cli import main

    for hook in _local_hooks():
        words = shlex.split(hook["entry"])
        crkb_at = [i for i, w in enumerate(words) if Path(w).name in _console_scripts()]
        if not crkb_at:
            continue
        args = [*words[crkb_at[0] + 1 :], *hook.get("args", [])]
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0, (hook["id"], args, result.output)


# --- the pull-request workflow and the docs carry the policy --------------------------------------


def _pull_request_workflow() -> dict:
    for path in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as True
        if "pull_request" in (triggers if isinstance(triggers, (dict, list)) else [triggers]):
            return flow
    raise AssertionError("no workflow runs on pull_request")


def test_pull_request_workflow_checks_only_what_the_pull_request_changed() -> None:
    steps = [s for job in _pull_request_workflow()["jobs"].values() for s in job.get("steps", [])]
    checks = [s["run"] for s in steps if "crkb check" in s.get("run", "")]
    assert any("--changed-since" in run for run in checks), checks
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout")]
    # the base branch must be there to diff against: a shallow checkout has only the merge commit
    assert checkouts and all(str((s.get("with") or {}).get("fetch-depth")) == "0" for s in checkouts), checkouts


def test_contributing_documents_the_changed_since_policy() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "--changed-since" in text


def test_test_extras_declare_what_the_round_trip_tests_import() -> None:
    """CI installs `.[test]`; the round-trip tests need these beyond pytest."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    extra = re.search(r"^test\s*=\s*\[(.*?)\]", text, re.MULTILINE | re.DOTALL)
    assert extra, "pyproject.toml has no `test` extra"
    declared = {re.split(r"[<>=!~\[; ]", name.strip().strip("\"'"))[0].lower() for name in extra.group(1).split(",")}
    missing = {"hypothesis", "polib", "translate-toolkit", "lxml"} - declared
    assert not missing, f"add to the test extra: {sorted(missing)}"
