"""`python -m bench.pack FOLDER`: join every checklist PDF in FOLDER as a trainer pack is joined.

Times the join alone (crkb.render.pack.join), without loading any playbook or
catalog: the first checklist stands in for the cover, the others follow in name
order. Writes to a temporary file; prints the checklists joined and the pack's size.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from crkb.render.pack import Part, join


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m bench.pack FOLDER  (a folder of single checklist PDFs)", file=sys.stderr)
        return 2
    pdfs = sorted(p for p in Path(args[0]).glob("*.pdf") if p.stem != "trainer-pack")
    if len(pdfs) < 2:
        print(f"error: {args[0]} holds {len(pdfs)} checklist PDF(s); the join needs at least 2", file=sys.stderr)
        return 1
    cover, *parts = pdfs
    with tempfile.TemporaryFile() as out:
        join(cover.read_bytes(), cover.stem, (Part(p.stem, p.read_bytes()) for p in parts), out)
        print(f"{len(pdfs)} checklists joined, {out.tell():,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
