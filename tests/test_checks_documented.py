"""Every code a translator or author can meet is explained in CONTRIBUTING.md, with its fix."""

from __future__ import annotations

import re

from conftest import REPO
from crkb.checks import CATALOG_CHECKS, ENTRY_CHECKS, SOURCE_CHECKS

LOADER_CODES = {"schema", "yaml", "duplicate-key", "unreadable", "config", "missing"}  # not checks: loaders


def documented_codes() -> set[str]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    return {code for row in rows for code in re.findall(r"`([a-z-]+)`", row.split("|")[1])}


def test_every_registered_check_code_is_documented() -> None:
    registered = set(ENTRY_CHECKS) | set(CATALOG_CHECKS) | set(SOURCE_CHECKS)
    assert registered - documented_codes() == set()


def test_every_loader_code_is_documented() -> None:
    assert LOADER_CODES - documented_codes() == set()
