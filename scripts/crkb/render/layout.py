"""Typst: checklist documents (plain JSON data) → PDF bytes, on every core of the machine.

Typst lays out one document on one core, so many checklists are laid out by a
pool of worker processes, each with its own compiler (a compiler cannot be sent
to another process; it is made where it is used). A document's bytes depend
only on its data, the template, the fonts and the Typst version, never on which
worker laid it out or in which order, so a parallel run writes exactly the bytes
of a serial one.

Every PDF claims PDF/UA-1 (accessible: tagged, titled, its language set, alt
text on the QR code) and PDF/A-2a (archivable: fonts embedded, colours defined,
XMP metadata); Typst refuses to write a document that does not meet them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

from .fonts import FONTS

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "checklist.typ"
STANDARDS = ["ua-1", "a-2a"]
# Starting a worker costs about as much as laying out a few checklists: below
# this many documents per worker, fewer workers (or none) finish sooner.
PER_WORKER = 6

T = TypeVar("T")
R = TypeVar("R")


class RenderError(Exception):
    """A checklist that cannot be laid out; the message names the playbook, locale and cause."""


def cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@functools.cache
def compiler():
    """This process's Typst compiler: shipped fonts only, so any machine gives the same bytes."""
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])
    return typst.Compiler(input=str(TEMPLATE), root=str(HERE), font_paths=fonts, ignore_system_fonts=True)


def render(doc: dict[str, Any]) -> bytes:
    """One document's PDF bytes. Any Typst warning is an error: it means lost text."""
    import typst

    day = dt.datetime(*doc["date"], tzinfo=dt.UTC)
    try:
        pdf, warnings = compiler().compile_with_warnings(
            format="pdf",
            sys_inputs={"data": json.dumps(doc, ensure_ascii=False, sort_keys=True)},
            timestamp=int(day.timestamp()),
            pdf_standards=STANDARDS,
        )
    except typst.TypstError as err:
        hints = "".join(f" ({hint})" for hint in err.hints)
        raise RenderError(f"typst could not lay out {doc['title']!r}: {err.message}{hints}") from None
    if warnings:
        raise RenderError(f"typst warned on {doc['title']!r}: " + "; ".join(w.message for w in warnings))
    return pdf


class Workers:
    """Runs a function over many inputs, in order, on up to `jobs` processes.

    The processes start on first use and only when there is enough work to pay
    for them; with one job, or little work, everything runs in this process.
    Use as a context manager: leaving it stops the workers (and, after an error,
    drops the work not yet started).
    """

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = max(1, jobs if jobs is not None else cores())
        self._pool: Executor | None = None
        self._size = 0

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, func: Callable[[T], R], items: Iterable[T], per_worker: int = PER_WORKER) -> Iterator[R]:
        """func(item) for each item, yielded in the items' order as each is ready.

        A worker is started for every `per_worker` items (up to `jobs`): fewer
        items than that are not worth a process of their own.
        """
        items = list(items)
        wanted = min(self.jobs, len(items) // per_worker)
        if wanted <= 1 and self._pool is None:
            return map(func, items)
        pool = self._start(max(wanted, self._size))
        chunk = max(1, min(16, len(items) // (4 * self._size)))
        return _reporting_broken(pool.map(func, items, chunksize=chunk))

    def map_apart(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """func(item) for each item, one at a time, in one worker process of its own.

        For work whose memory should go back to the system once it is done; with
        one job, everything runs in this process as usual.
        """
        items = list(items)
        if self.jobs == 1 or not items:
            return map(func, items)
        return _reporting_broken(self._start(1).map(func, items))

    def _start(self, size: int) -> Executor:
        if self._pool is None:
            # "spawn": a fresh interpreter per worker. Forking a process that holds
            # Typst's threads could leave a worker waiting on a lock forever.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=size, mp_context=context)
            self._size = size
        return self._pool


def _reporting_broken(results: Iterator[R]) -> Iterator[R]:
    """The results, with a worker that died (killed, out of memory) reported as a RenderError."""
    try:
        yield from results
    except BrokenProcessPool as err:
        raise RenderError(f"a layout process stopped before it finished ({err})") from None
