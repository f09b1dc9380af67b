"""Timing child processes: wall time and peak memory of each run, the median of several."""

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
            "peak_mb": round(self.peak_mb, 1),
        }


def run(cmd: Sequence[str], cwd: Path | None = None, timeout: float = 900, check: bool = True) -> Run:
    """Run one command; its peak memory comes from wait4, so it is this child's alone."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{os.getpid()}.out"
    err_path = out_path.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=ENV, stdout=out, stderr=err)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: leave no child running
            proc.kill()
            os.wait4(proc.pid, 0)
            raise
        finally:
            killer.cancel()
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = Run(
        seconds,
        usage.ru_maxrss / 1024,  # kilobytes on Linux
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


def repeat(times: int, make: Callable[[], Run], before: Callable[[], None] | None = None) -> Timing:
    timing = Timing()
    for _ in range(times):
        if before is not None:
            before()
        timing.runs.append(make())
    return timing
