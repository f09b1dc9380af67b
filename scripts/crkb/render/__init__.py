"""Renderers: localized playbooks → Markdown pages for the site, PDF checklists."""
