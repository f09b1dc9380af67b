"""Interface text the generated pages and checklists need, as translatable units.

These go through the same catalogs as the playbooks, so a translator finds
every string of a language in one file. Ids start with `ui.`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UiText:
    id: str
    text: str
    comment: str = ""
    plural: str | None = None


ITEM_KINDS = ("key", "secret", "tip", "reason", "step")

UI_TEXTS: tuple[UiText, ...] = (
    UiText("ui.site.name", "Customer Relations Playbooks", "Site name in the header"),
    UiText(
        "ui.site.description",
        "Practical playbooks on customer loyalty and service for shop-floor staff, support agents and managers.",
        "Meta description of every page",
    ),
    UiText("ui.home.title", "Playbooks for loyal customers", "Home page heading"),
    UiText(
        "ui.home.intro",
        "Each playbook turns one proven idea about customers into steps your team can "
        "follow today. Read the page, then print the checklist for the counter or the "
        "next team briefing.",
        "Home page, first paragraph",
    ),
    UiText("ui.home.playbooks", "The playbooks", "Home page, heading above the list"),
    UiText("ui.home.open", "Open the playbook", "Link from the home page to a playbook"),
    UiText("ui.playbook.audience", "Who runs it", "Heading on a playbook page"),
    UiText("ui.playbook.when", "Run this play when", "Heading, followed by a list of situations"),
    UiText("ui.playbook.why", "Why it matters", "Heading above the introduction"),
    UiText("ui.playbook.actions", "Actions", "Heading above an item's checklist lines"),
    UiText("ui.playbook.examples", "Examples", "Heading above an item's examples"),
    UiText("ui.playbook.facts", "Facts and sources", "Heading above the list of figures"),
    UiText("ui.playbook.closing", "In short", "Heading above the closing words"),
    UiText(
        "ui.playbook.source",
        "Written in our own words from the article “{title}” ({language}).",
        "{title}: the original title, not translated; {language}: a language name",
    ),
    UiText(
        "ui.playbook.revision",
        "Version {version}, updated {date}",
        "{date} is formatted for the reader's language",
    ),
    UiText("ui.playbook.download", "Download checklist (PDF)", "Button on a playbook page"),
    UiText(
        "ui.playbook.reviewed",
        "Last reviewed {date} · {owner}",
        "{date}: formatted for the reader; {owner}: a role, e.g. Head of customer service",
    ),
    UiText("ui.fact.source", "Source: {source}", "{source}: a firm or person, not translated"),
    UiText(
        "ui.fact.unnamed",
        "Figure quoted in the original article, which does not name the study.",
        "Shown where the article gives no source for a figure",
    ),
    UiText(
        "ui.checklist.read-do",
        "Read-do checklist: read each line, then do it.",
        "Explains the checklist type",
    ),
    UiText(
        "ui.checklist.do-confirm",
        "Do-confirm checklist: work from memory, then stop and confirm every line.",
        "Explains the checklist type",
    ),
    *(
        UiText(
            f"ui.kind.{kind}",
            f"{kind.capitalize()} {{number}}",
            f"Label before an item, e.g. “{kind.capitalize()} 2”",
        )
        for kind in ITEM_KINDS
    ),
    *(
        UiText(
            f"ui.count.{kind}",
            f"{{count}} {kind}",
            f"Count of items shown under a playbook title, e.g. “5 {kind}s”",
            plural=f"{{count}} {kind}s",
        )
        for kind in ITEM_KINDS
    ),
    UiText(
        "ui.count.action",
        "{count} action",
        "Count of checklist lines",
        plural="{count} actions",
    ),
    UiText("ui.about.title", "About and sources", "Title of the about page"),
    UiText(
        "ui.about.intro",
        "These playbooks were written for this site from four articles on customer loyalty "
        "and service. We kept their facts, figures and examples, said who found each figure, "
        "and wrote every sentence anew.",
        "About page, first paragraph",
    ),
    UiText("ui.about.sources", "The original articles", "About page heading"),
    UiText(
        "ui.about.source-line",
        "{playbook} — from “{title}” ({language})",
        "{playbook}: the playbook title; {title}: the original title, not translated",
    ),
    UiText(
        "ui.about.translate",
        "The site is published in {languages}. Translators keep them in step through pull "
        "requests; see the project's contributing guide to help.",
        "About page, last paragraph. {languages}: a count such as “5 languages”",
    ),
    UiText(
        "ui.count.language",
        "{count} language",
        "Count of the site's languages, e.g. “5 languages”",
        plural="{count} languages",
    ),
    UiText("ui.downloads.title", "Checklists to print", "Title of the downloads page"),
    UiText(
        "ui.downloads.intro",
        "Every playbook as a one-page checklist, in every language. The trainer pack "
        "holds all checklists of one language with a cover page.",
        "Downloads page, first paragraph",
    ),
    UiText("ui.downloads.pack", "Trainer pack (all checklists)", "Link to the trainer pack"),
    UiText("ui.status.title", "Translation status", "Title of the translation status page"),
    UiText(
        "ui.status.intro",
        "How much of each playbook is translated into each language, counted from the "
        "translation catalogs when the site was built.",
        "Translation status page, first paragraph",
    ),
    UiText("ui.status.language", "Language", "Table column"),
    UiText("ui.status.playbook", "Playbook", "Table column"),
    UiText("ui.status.interface", "Interface", "Table row for the site's own texts"),
    UiText("ui.status.total", "Total", "Table row"),
    UiText("ui.status.topics", "Topics", "Table row for the names of the site's sections"),
    UiText("ui.status.state", "State", "Table row: whether a language is complete or in progress"),
    UiText("ui.status.complete", "complete", "State of a language whose every string must be translated"),
    UiText("ui.status.in-progress", "in progress", "State of a language still being translated"),
    UiText("ui.status.outdated", "Outdated strings", "Table row: strings whose English changed since"),
    UiText(
        "ui.status.ready",
        "{language} is fully translated and can be marked complete.",
        "Status page; {language}: a language name",
    ),
    UiText("ui.banner.untranslated-title", "Translation in progress", "Banner title on a partly translated page"),
    UiText(
        "ui.banner.untranslated",
        "Parts of this page are not translated yet and are shown in English; {share} of this language is done.",
        "Banner on a partly translated page; {share}: a percentage",
    ),
    UiText("ui.banner.help", "Help translate", "Link in the banner to the contributing guide"),
    UiText("ui.banner.outdated-title", "Translation out of date", "Banner title on an outdated page"),
    UiText(
        "ui.banner.outdated",
        "The English text of this page has changed since it was translated, so parts of it may be out of date.",
        "Banner on a page whose translation is older than its English",
    ),
    UiText("ui.banner.english", "Read the English page", "Link in the outdated banner"),
    UiText(
        "ui.report.page",
        "Report a problem on this page",
        "Link at the foot of a playbook page; opens a prefilled issue or e-mail",
    ),
    UiText(
        "ui.report.section",
        "Report a problem in this section",
        "Link at the end of each numbered section of a playbook page",
    ),
    UiText("ui.notfound.title", "Page not found", "Heading and title of the page shown for a wrong address"),
    UiText(
        "ui.notfound.text",
        "There is no page at this address. It may have moved, or the address may be mistyped.",
        "Text of the page shown for a wrong address",
    ),
    UiText("ui.notfound.home", "Go to the home page", "Link on the page shown for a wrong address"),
    UiText("ui.palette.dark", "Switch to dark mode", "Name of the header button that turns the dark colours on"),
    UiText("ui.palette.light", "Switch to light mode", "Name of the header button that turns the light colours on"),
    UiText("ui.checklist.purpose", "Purpose", "Checklist label before the one-line purpose"),
    UiText("ui.checklist.use-when", "Use when", "Checklist label before the situations"),
    UiText("ui.checklist.name", "Name", "Checklist footer field to fill by hand"),
    UiText("ui.checklist.date", "Date", "Checklist footer field to fill by hand"),
    UiText("ui.checklist.team", "Team / trainer", "Checklist footer field to fill by hand"),
    UiText("ui.checklist.continued", "continued", "After a section title that runs onto the next page"),
    UiText("ui.checklist.page", "Page {page} of {pages}", "Checklist footer"),
    UiText("ui.checklist.online", "Read the full playbook online", "Next to the QR code"),
    UiText(
        "ui.checklist.qr",
        "QR code linking to the full playbook online",
        "Alternative text of the QR code, read by screen readers",
    ),
    UiText("ui.pack.title", "Trainer pack", "Cover page of the trainer pack"),
    UiText(
        "ui.pack.intro",
        "Checklists for workshops and team briefings. Print one per participant; each "
        "links to its full playbook online.",
        "Cover page of the trainer pack",
    ),
    UiText("ui.pack.contents", "Contents", "Cover page heading"),
)
