"""Work a one-shot site build runs beside MkDocs' own rendering, in another process.

MkDocs renders the pages on one core; where a second core is free, work MkDocs does
not wait for runs there. Two kinds of process:

- `Beside`: a child forked from the loaded build, so it shares what is loaded (pages
  made in halves, translations' structure checks, search indexes). Python's reference
  counts copy most of what the child reads, so it costs about the loaded site's memory
  once more: above `MAX_STRINGS` the build does that work itself.
- `Apart`: a fresh Python process that reads what it needs from disk and shares
  nothing; its memory is its own whatever the site's size. The catalog check for the
  build's log runs so while MkDocs renders (it needs nothing MkDocs makes, and costs
  a sixth of a build at 500 playbooks).

Either, when it fails or dies, leaves the work to this process: the answer is the
same, only later (see bench/README.md, the build against a bare MkDocs build).
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
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
    return (
        strings <= MAX_STRINGS
        and spare_core()
        and sys.platform != "darwin"  # macOS' system libraries are not fork-safe (Python spawns there)
        and can_fork()
    )


def spare_core() -> bool:
    """Whether a second process would run beside this one rather than take turns with it."""
    from .render.layout import cores

    return cores() > 1


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


# What the fresh process runs: this process' module path first, then the call (which imports
# what it needs through that path). The request is removed once read; an answer is written
# only while the process that asked is alive (one stopped by a signal asks no more).
_BOOT = (
    "import os, pickle, sys\n"
    "with open(sys.argv[1], 'rb') as request:\n"
    "    sys.path[:] = pickle.load(request)\n"
    "    function, args, answer = pickle.load(request)\n"
    "os.unlink(sys.argv[1])\n"
    "from crkb.beside import _answer_into\n"
    "_answer_into(function, args, answer, int(sys.argv[2]))\n"
)


class Apart(Generic[T]):
    """function(*args) started now in a fresh Python process; `result()` waits for it (or
    does it here). The function and its arguments must pickle: a module-level function
    and plain values. The answer comes back through a private file, so a child whose
    answer is large exits (and gives its memory back) without waiting to be read.

    A plain subprocess, not multiprocessing's "spawn": that would import the program's
    main module again in the child, and a script that builds the site without an
    `if __name__ == "__main__"` guard would then build it again, and again. Where the
    process cannot be started (no space for the request, no executable), `result()`
    does the work here."""

    def __init__(self, function: Callable[..., T], *args: object) -> None:
        import subprocess

        self._call = (function, args)
        self._process: subprocess.Popen | None = None
        self._request = self._answer = ""
        try:
            self._answer = _private_file(".answer")
            self._request = _private_file(".request")
            with open(self._request, "wb") as out:
                pickle.dump(list(sys.path), out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump((function, args, self._answer), out, protocol=pickle.HIGHEST_PROTOCOL)
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOT, self._request, str(os.getpid())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # a failure comes back as the answer; the build reports it
            )
        except (OSError, pickle.PicklingError, AttributeError, TypeError) as err:  # cannot write, or pickle
            log.debug(f"could not start the work apart from the build ({err}); it is done here")
            self._remove()
            self._process = None

    def result(self) -> T:
        if self._process is None:
            return self._here()
        self._process.wait()
        try:
            with open(self._answer, "rb") as answer:
                outcome, value = pickle.load(answer)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError):
            outcome, value = "died", f"exit code {self._process.returncode}"
        finally:
            self._remove()
        if outcome == "done":
            return value
        log.debug(f"the work apart from the build stopped ({value}); doing it here")
        return self._here()

    def _here(self) -> T:
        function, args = self._call
        return function(*args)

    def cancel(self) -> None:
        """Stop the process and remove its files (the build stopped; no one will ask)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
        self._remove()

    def _remove(self) -> None:
        for path in (self._request, self._answer):
            if path:
                Path(path).unlink(missing_ok=True)


def _private_file(suffix: str) -> str:
    handle, path = tempfile.mkstemp(prefix="crkb-apart-", suffix=suffix)  # 0600: this user's alone
    os.close(handle)
    return path


def _answer_into(function: Callable[..., T], args: tuple, path: str, asker: int | None = None) -> None:
    """In the fresh process: the answer, into the file at path; none (and no file) once the
    process that asked (pid `asker`) has gone, so a build stopped by a signal leaves nothing."""
    parent = os.getppid()
    try:
        outcome = ("done", function(*args))
    except BaseException as err:  # any failure: the parent repeats the work, and reports it
        outcome = ("failed", f"{type(err).__name__}: {err}")
    if asker is not None and (os.getppid() != parent or parent != asker):
        Path(path).unlink(missing_ok=True)
        return
    with open(path, "wb") as answer:
        pickle.dump(outcome, answer, protocol=pickle.HIGHEST_PROTOCOL)
