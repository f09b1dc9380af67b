"""Work a one-shot site build runs beside MkDocs' own rendering, in a forked process.

MkDocs renders the pages on one core. Checking the catalogs for the build's log needs
the loaded site but nothing MkDocs makes, and costs a tenth of a build at 50
playbooks; where the platform forks and a second core is free, a child forked once
the site is loaded (it shares what is loaded) does it while MkDocs renders, and the
answer is collected when MkDocs is done.

A child that fails or dies leaves the work to this process: the answer is the same
either way, only later. Python's reference counts copy most of what the child reads,
so the child costs about the loaded site's memory once more: above `MAX_STRINGS` the
build checks in this process, as before (see bench/README.md, memory at 500 playbooks).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
log = logging.getLogger(f"mkdocs.plugins.{__name__}")  # MkDocs' plugin namespace, without importing MkDocs

MAX_STRINGS = 40_000  # translated strings (units × languages): about 150 playbooks


def can_fork() -> bool:
    """Fork only where the platform has it and this process runs no other thread: one could
    hold a lock the child would wait on for ever (`crkb serve` checks in a thread)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def worthwhile(strings: int) -> bool:
    """A child pays where there is a core for it, little to copy, and no thread to fork with."""
    from .render.layout import cores

    return (
        strings <= MAX_STRINGS
        and cores() > 1
        and sys.platform != "darwin"  # macOS' system libraries are not fork-safe (Python spawns there)
        and can_fork()
    )


def in_halves(
    items: Sequence[T], here: Callable[[Sequence[T]], R], there: Callable[[Sequence[T]], R] | None = None
) -> tuple[R, R]:
    """(here(every other item, from the first), there(the others)): the others in a child,
    at the same time. Alternate items, so that both halves get as many of the costly ones."""
    theirs = items[1::2]
    child = Beside(lambda: (there or here)(theirs))
    return here(items[::2]), child.result()


class Beside(Generic[T]):
    """job() started in a forked child now; `result()` waits for it (or does it here)."""

    def __init__(self, job: Callable[[], T]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._job = job
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(job, send), daemon=True, name="crkb-beside")
        self._process.start()
        send.close()  # the child holds its own end: EOF here means it is gone

    def result(self) -> T:
        try:
            outcome, value = self._receive.recv()
        except (EOFError, OSError):
            outcome, value = "died", f"exit code {self._process.exitcode}"
        finally:
            self._receive.close()
            self._process.join()
        if outcome == "done":
            return value
        log.debug(f"the work beside the build stopped ({value}); doing it here")
        return self._job()


def _run(job: Callable[[], T], send) -> None:
    try:
        send.send(("done", job()))
    except BaseException as err:  # any failure: the parent repeats the work, and reports it
        send.send(("failed", f"{type(err).__name__}: {err}"))
    finally:
        send.close()
