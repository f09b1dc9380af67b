"""crkb benchmarks: a synthetic corpus and the timings of check, site build and checklists.

Run `python -m bench --help` from the repository root; see bench/README.md.
"""
