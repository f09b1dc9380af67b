"""A synthetic crkb project: N playbooks in English and fully translated catalogs.

    make_corpus(Path("/tmp/c"), playbooks=50, seed=1)

writes playbooks/*.yml shaped like the real ones (3–8 items of 3–7 actions, 1–3
Markdown paragraphs per body, examples, facts with figures), the repository's
mkdocs.yml, glossaries and docs/ assets, then builds the catalogs with crkb's own
`update` and fills every msgstr through Babel. Interface strings take their real
translations from the repository's catalogs; everything else is made-up text in
the right script (see language.py), so `crkb check` passes clean. The same seed
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from crkb.catalogs import catalog_bytes, read_catalog
from crkb.locales import PROFILE_FILE, translated_locales
from crkb.project import Project
from crkb.sync import update

from .language import NOUNS, VERBS, Writer, pseudo_word, translate

REPO = Path(__file__).resolve().parent.parent
INFO = "bench-corpus.json"
KINDS = ("key", "secret", "tip", "reason", "step")
FACTS = (
    ("{share} of customers who complain come back when the problem is solved quickly.", "percent"),
    ("Keeping a customer costs {ratio} times less than winning a new one.", "multiple"),
    ("Loyal customers spend {amount} a year more than new ones.", "currency"),
    ("{count} shoppers answered the survey on service and loyalty.", "count"),
    ("A {rise} rise in retention can lift profit by up to {profit}.", "percent2"),
)


PER_TOPIC = 25  # playbooks per topic, at most: a page's navigation holds its topic's section


def topic_count(playbooks: int) -> int:
    """Sections of about PER_TOPIC playbooks: 1 at 4 playbooks, 2 at 50, 20 at 500.

    The site's navigation lists the topics and, under the page's own topic, its
    playbooks (navigation.prune), so a page's navigation stays bounded as the
    corpus grows, the way a real knowledge base adds topics as it adds playbooks.
    """
    return max(1, -(-playbooks // PER_TOPIC))


@dataclass(frozen=True)
class Corpus:
    root: Path
    playbooks: int
    locales: list[str]
    units: int  # translatable strings per catalog

    @property
    def project(self) -> Project:
        return Project(self.root)

    def save(self) -> None:
        """Record the corpus, and which files of docs/ are sources (the rest is generated)."""
        docs = self.root / "docs"
        sources = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
        data = {"playbooks": self.playbooks, "locales": self.locales, "units": self.units, "docs": sources}
        (self.root / INFO).write_text(json.dumps(data), encoding="utf-8")

    def remove_generated(self) -> None:
        """Back to a fresh checkout: no `.cache/` (the site's PDFs), docs/ holds only its sources."""
        shutil.rmtree(self.root / ".cache", ignore_errors=True)
        docs = self.root / "docs"
        keep = set(json.loads((self.root / INFO).read_text(encoding="utf-8"))["docs"])
        for path in sorted(docs.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(docs).as_posix() not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    @classmethod
    def load(cls, root: Path) -> Corpus:
        data = json.loads((root / INFO).read_text(encoding="utf-8"))
        return cls(root, data["playbooks"], data["locales"], data["units"])


def make_corpus(root: Path, playbooks: int, seed: int = 1) -> Corpus:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    _copy_docs(REPO / "docs", root / "docs")
    if (REPO / "overrides").is_dir():  # the theme's custom_dir
        shutil.copytree(REPO / "overrides", root / "overrides", dirs_exist_ok=True)
    project = Project(root)
    locales = translated_locales(project.mkdocs_yml)
    glossaries = {}
    for locale in locale_folders(project):
        shutil.copy(Project(REPO).locales / locale / PROFILE_FILE, project.locales / locale / PROFILE_FILE)
    for locale in locales:
        source = Project(REPO).glossary(locale)
        if source.is_file():
            shutil.copy(source, project.glossary(locale))
            glossaries[locale] = yaml.safe_load(source.read_text(encoding="utf-8")).get("terms") or []
        else:
            glossaries[locale] = []
    rng = random.Random(seed)
    project.playbooks.mkdir(parents=True, exist_ok=True)
    writer = Writer(rng)
    count = topic_count(playbooks)
    topics = [{"id": f"topic-{k}", "title": writer.title(), "summary": writer.sentence()} for k in range(1, count + 1)]
    text = yaml.dump({"topics": topics}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    (project.playbooks / "topics.yml").write_text(text, encoding="utf-8")
    for n in range(1, playbooks + 1):
        book = playbook(Writer(rng), n, locales[0])
        book["topic"] = topics[(n - 1) * count // playbooks]["id"]
        text = yaml.dump(book, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        (project.playbooks / f"{book['id']}.yml").write_text(text, encoding="utf-8")
    update(project)
    units = 0
    for locale in locales:
        units = fill_catalog(project, locale, glossaries[locale])
    return Corpus(root, playbooks, ["en", *locales], units)


def playbook(w: Writer, n: int, original: str) -> dict:
    """One playbook as YAML data, sized like the real ones; its source article is in `original`."""
    r = w.rng
    ident = f"{r.choice(VERBS)}-{r.choice(NOUNS)}-{n:04d}"
    items = []
    for i in range(1, r.randint(3, 8) + 1):
        item = {
            "id": f"{r.choice(NOUNS)}-{i}",
            "kind": r.choice(KINDS),
            "title": w.title(),
            "body": w.markdown(r.randint(1, 3)) + "\n",
            # The first two are the checklist's, as in the real playbooks: a checklist is one page.
            "actions": [
                {"text": w.action(), "checklist": True} if a < 2 else w.action() for a in range(r.randint(3, 7))
            ],
        }
        if examples := [w.example(n * 100 + i * 10 + k) for k in range(r.randint(0, 2))]:
            item["examples"] = examples
        items.append(item)
    book = {
        "id": ident,
        "title": w.title(),
        "summary": " ".join(w.sentence() for _ in range(2)),
        "audience": [w.phrase().capitalize() for _ in range(r.randint(1, 3))],
        "when": [w.sentence().rstrip(".") for _ in range(r.randint(2, 4))],
        "checklist": r.choice(["read-do", "do-confirm"]),
        "version": f"1.{r.randint(0, 9)}",
        "updated": dt.date(2026, 1, 1) + dt.timedelta(days=r.randint(0, 300)),
        "review": {"owner": w.phrase().capitalize(), "reviewed": dt.date(2026, 11, 1), "every_months": 12},
        "source": {"title": _original_title(r, original), "language": original},
        "intro": w.markdown(r.randint(1, 3)) + "\n",
        "items": items,
        "facts": [_fact(r, k) for k in range(1, r.randint(1, 3) + 1)],
    }
    if r.random() < 0.7:
        book["closing"] = w.paragraph() + "\n"
    return book


def _fact(r: random.Random, k: int) -> dict:
    statement, kind = r.choice(FACTS)
    if kind == "percent":
        figures = {"share": {"kind": "percent", "value": r.randint(5, 95)}}
    elif kind == "multiple":
        low = r.randint(2, 6)
        figures = {"ratio": {"kind": "multiple", "value": [low, low + r.randint(1, 20)]}}
    elif kind == "currency":
        value = r.choice([1.4e9, 250e6, 1200, 35e3])
        figures = {"amount": {"kind": "currency", "value": value, "currency": "USD"}}
    elif kind == "count":
        figures = {"count": {"kind": "count", "value": r.randint(200, 20000)}}
    else:
        figures = {
            "rise": {"kind": "percent", "value": r.randint(2, 10)},
            "profit": {"kind": "percent", "value": r.randint(20, 95)},
        }
    fact = {"id": f"finding-{k}", "statement": statement, "figures": figures}
    if r.random() < 0.8:
        fact["source"] = r.choice(["Bain & Company", "Harvard Business Review", "Nielsen", "Gartner"])
    return fact


def _original_title(r: random.Random, language: str) -> str:
    words = [pseudo_word(r.choice(NOUNS), language) for _ in range(r.randint(3, 6))]
    return " ".join(words).capitalize()


def fill_catalog(project: Project, locale: str, glossary: list[dict]) -> int:
    """Translate every message of a freshly updated catalog; return how many there are."""
    path = project.catalog(locale)
    catalog = read_catalog(path, locale)
    real = _real_ui(locale)
    count = 0
    for message in catalog:
        if not message.id:
            continue
        count += 1
        known = real.get((message.context, message.id))
        if known and all(known if isinstance(known, tuple | list) else (known,)) and _fits(known, catalog.num_plurals):
            message.string = known
        elif isinstance(message.id, tuple | list):
            singular, plural = message.id
            message.string = tuple(
                translate(singular if i == 0 else plural, locale, glossary) for i in range(catalog.num_plurals)
            )
        else:
            message.string = translate(message.id, locale, glossary)
    path.write_bytes(catalog_bytes(catalog))
    return count


def locale_folders(project: Project) -> list[str]:
    """Every locale with a profile in the repository, source included, created in the corpus."""
    codes = [p.parent.name for p in (Project(REPO).locales).glob(f"*/{PROFILE_FILE}")]
    for code in codes:
        (project.locales / code).mkdir(parents=True, exist_ok=True)
    return sorted(codes)


def _fits(string, plurals: int) -> bool:
    return isinstance(string, str) or len(string) == plurals


def _real_ui(locale: str) -> dict:
    """The repository's interface translations: real text where the corpus has the same string."""
    path = Project(REPO).catalog(locale)
    if not path.is_file():
        return {}
    found = {}
    for message in read_catalog(path, locale):
        if message.id and message.context and message.context.startswith("ui.") and not message.fuzzy:
            key = (message.context, tuple(message.id) if isinstance(message.id, list) else message.id)
            found[key] = message.string
    return found


def _copy_docs(source: Path, target: Path) -> None:
    """docs/ as in git: the generated pages (docs/*.md, docs/playbooks/) are left out."""
    shutil.copytree(
        source,
        target,
        dirs_exist_ok=True,
        ignore=lambda folder, names: [
            n for n in names if Path(folder) == source and (n.endswith(".md") or n == "playbooks")
        ],
    )


class _Dumper(yaml.SafeDumper):
    """Markdown as block scalars (`|`), the way people write the playbooks."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic crkb project.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--playbooks", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = make_corpus(args.out, args.playbooks, args.seed)
    corpus.save()
    print(f"{corpus.root}: {corpus.playbooks} playbooks, {corpus.units} strings per catalog")


if __name__ == "__main__":
    main()
