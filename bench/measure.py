"""Timing child processes: wall time, CPU time and peak memory of each run, the median of several.

Peak memory is the larger of the child's own maximum resident set (`wait4`, which
also covers each descendant it waited for, one at a time) and the largest sum of
the resident sets of the child and all its descendants alive at once, sampled
every 50 ms: a build that lays out PDFs in worker processes is charged for all of
them. CPU time (user + system, descendants included) is reported beside the wall
time: on a machine shared with other work it is the steadier figure.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
if ENV.get("PYTHONPATH"):  # children run in other folders: a relative entry would point elsewhere
    ENV["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in ENV["PYTHONPATH"].split(os.pathsep))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A console script of this Python's environment (crkb, mkdocs, pofilter)."""
    return str(BIN / name)


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system, the child's and its own children's (e.g. layout workers)


@dataclass
class Timing:
    """The runs of one measurement: the median is the figure reported."""

    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    def as_dict(self) -> dict:
        return {
            "seconds": round(self.seconds, 3),
            "runs": [round(r.seconds, 3) for r in self.runs],
            "cpu_seconds": round(self.cpu_seconds, 3),
            "cpu_runs": [round(r.cpu_seconds, 3) for r in self.runs],
            "peak_mb": round(self.peak_mb, 1),
        }


def run(
    cmd: Sequence[str], cwd: Path | None = None, timeout: float = 1800, check: bool = True, env: dict | None = None
) -> Run:
    """Run one command; its time and memory are this child's and its descendants' alone.
    `env` adds to (or overrides) the benchmark's environment."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{os.getpid()}.out"
    err_path = out_path.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env={**ENV, **(env or {})}, stdout=out, stderr=err)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        sampler = TreeMemory(proc.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: leave no child running
            proc.kill()
            os.wait4(proc.pid, 0)
            raise
        finally:
            killer.cancel()
            sampler.stop()
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = Run(
        seconds,
        max(usage.ru_maxrss / 1024, sampler.peak_mb),  # ru_maxrss is in kilobytes on Linux
        proc.returncode,
        out_path.read_text(encoding="utf-8", errors="replace"),
        err_path.read_text(encoding="utf-8", errors="replace"),
        usage.ru_utime + usage.ru_stime,
    )
    out_path.unlink(missing_ok=True)
    err_path.unlink(missing_ok=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {result.returncode}:\n{result.stderr[-2000:]}")
    return result


class TreeMemory:
    """The largest total resident set of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every, self.peak_mb = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(p) for p in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    """The process and its descendants, from /proc/<pid>/task/*/children (Linux)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in children.read_text().split())
            except OSError:
                continue
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its descendants, reaped ones too."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for member in _tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / tick


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def interleaved(times: int, steps: dict[str, tuple[Callable[[], Run], Callable[[], None] | None]]) -> dict[str, Timing]:
    """Each step once per round, in turn, for `times` rounds. Figures to be divided by each
    other (a build and the bare build) then see the machine in the same state: a shared
    machine's speed drifts by 10–30 % over minutes."""
    timings = {name: Timing() for name in steps}
    for _ in range(times):
        for name, (make, before) in steps.items():
            if before is not None:
                before()
            timings[name].runs.append(make())
    return timings


def repeat(times: int, make: Callable[[], Run], before: Callable[[], None] | None = None) -> Timing:
    timing = Timing()
    for _ in range(times):
        if before is not None:
            before()
        timing.runs.append(make())
    return timing
