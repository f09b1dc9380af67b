"""Who reviews each language: its line in `.github/CODEOWNERS`, for the folder `locales/<code>/`.

`crkb locale add` writes the line commented out (`# /locales/de/ @de-reviewers`);
the language's first reviewers claim it by putting their GitHub names on it and
uncommenting it. From then on GitHub asks them to review every pull request that
touches the folder, and `crkb reviewers` (run by .github/workflows/review-request.yml)
requests them explicitly and says in the pull request which languages it touches
have nobody yet. Only lines for a language's own folder count: a catch-all line
(`* @maintainer`) does not make anyone a reviewer of German.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .locales import CLI_LANGUAGE, language_name

CODEOWNERS = Path(".github") / "CODEOWNERS"


def codeowners_line(code: str) -> str:
    """The line `crkb locale add` writes: commented, for the language's reviewers to claim."""
    return f"# /locales/{code}/ @{code}-reviewers   # uncomment and name the reviewers of this language\n"


def owners(codeowners: str, code: str) -> list[str]:
    """The GitHub users and teams (without @) on the last active line for locales/<code>/."""
    found: list[str] = []
    for line in codeowners.splitlines():
        fields = line.split("#", 1)[0].split()
        if fields and _names_folder(fields[0], code):
            found = [f.removeprefix("@") for f in fields[1:] if f.startswith("@") and len(f) > 1]
    return found


def has_line(codeowners: str, code: str) -> bool:
    """Whether any line, active or commented out, is for locales/<code>/."""
    for line in codeowners.splitlines():
        fields = line.strip().lstrip("#").split()
        if fields and _names_folder(fields[0], code):
            return True
    return False


def _names_folder(pattern: str, code: str) -> bool:
    folder = f"locales/{code}"
    path = pattern.removeprefix("/").rstrip("*").rstrip("/")
    return path == folder or path.startswith(folder + "/")


def touched_locales(paths: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The locales (of codes, in their order) with a changed file under locales/<code>/."""
    touched = set()
    for path in paths:
        parts = path.strip().removeprefix("./").split("/")
        if len(parts) >= 3 and parts[0] == "locales":
            touched.add(parts[1])
    return [code for code in codes if code in touched]


@dataclass(frozen=True)
class Review:
    """One touched language and whom to ask (never the pull request's author)."""

    locale: str
    reviewers: tuple[str, ...]

    @property
    def name(self) -> str:
        return language_name(self.locale, CLI_LANGUAGE)


def reviews(codeowners: str, paths: Iterable[str], codes: Iterable[str], author: str = "") -> list[Review]:
    found = []
    for code in touched_locales(paths, codes):
        names = tuple(n for n in owners(codeowners, code) if n.lower() != author.lower())
        found.append(Review(code, names))
    return found


def unclaimed_comment(found: list[Review]) -> str:
    """A pull-request comment (Markdown) naming the touched languages nobody reviews yet; '' if none."""
    missing = [r for r in found if not r.reviewers]
    if not missing:
        return ""
    names = " and ".join(f"{r.name} (`{r.locale}`)" for r in missing)
    which = "this language has" if len(missing) == 1 else "these languages have"
    return (
        f"This pull request changes {names}: {which} no reviewer yet (other than the author). "
        "A speaker of the language can claim it: put your GitHub name on the language's line in "
        "`.github/CODEOWNERS`, remove the `#` in front of it and open a pull request "
        "(CONTRIBUTING.md, “Reviewers for each language”). Until then, a maintainer reviews."
    )
