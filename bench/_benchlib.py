"""Shared plumbing of the bench scripts: the simulator subprocess, measured client subprocesses,
markdown tables and the marker-delimited sections of ``docs/benchmarks.md``.

Every script owns one section of the document, between ``<!-- bench:NAME -->`` and
``<!-- /bench:NAME -->``; a run rewrites only its own section, so scripts never clobber each
other (text outside the markers, such as profile notes, is never touched).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
CLIENTS = Path(__file__).resolve().parent / "_clients.py"

HEADER = """# Benchmarks

Measured with the scripts in `bench/` (`python bench/<name>.py --help`).  Each script rewrites
only its own section below (between `<!-- bench:NAME -->` markers) with the machine's core
count, the date and the exact command.  Client and simulated devices share the machine, and
other work may run on it at the same time: compare figures *within* one run (the ratios), not
across runs.
"""


def raise_nofile() -> int:
    """Raise the open-file limit to its hard maximum (thousands of devices mean thousands of
    sockets in the simulator); returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 1 << 20
    if soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def raise_priority(nice: int) -> str:
    """Give this benchmark (simulator and clients alike) a higher CPU priority than other work on
    the machine, so that its figures approach those of an otherwise idle machine.

    Linux shares CPU fairly between *sessions* (autogroups) before threads, so the autogroup's
    nice value is what counts; plain ``nice`` is applied too.  Needs root or CAP_SYS_NICE;
    returns what was done.
    """
    done = []
    try:
        Path("/proc/self/autogroup").write_text(str(nice))
        done.append(f"autogroup nice {nice}")
    except OSError:
        pass
    try:
        os.setpriority(os.PRIO_PROCESS, 0, nice)
        done.append(f"nice {nice}")
    except OSError:
        pass
    return ", ".join(done) or "unchanged (not permitted)"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": os.cpu_count() or 0, "cpu": model, "python": platform.python_version(),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def command_line() -> str:
    """The exact command that ran this script, as a user would type it from the repository."""
    script = Path(sys.argv[0]).resolve()
    with contextlib.suppress(ValueError):
        script = script.relative_to(ROOT)
    return " ".join(["python", shlex.quote(str(script)), *map(shlex.quote, sys.argv[1:])])


def machine_lines(info: dict[str, Any]) -> list[str]:
    return [f"- Machine: {info['cores']} cores ({info['cpu'] or 'unknown CPU'}), Python {info['python']}; "
            f"load average at start {info['load']}",
            f"- Date: {info['date']}"
            + (f"; priority raised ({info['priority']})" if info.get("priority") else ""),
            f"- Command: `{command_line()}`"]


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A markdown table (also readable as plain text on a terminal)."""
    cells = [[str(h) for h in headers]] + [[fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def fmt(value: Any) -> str:
    if isinstance(value, float):
        if value >= 100:
            return f"{value:.0f}"
        if value >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    return "-" if value is None else str(value)


def write_section(name: str, body: str, path: Path | None = None) -> Path:
    """Replace (or append) the ``name`` section of the benchmarks document."""
    path = Path(path) if path is not None else DOCS
    path.parent.mkdir(parents=True, exist_ok=True)
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    # The lock file lives in the temp directory: nothing to clean up or ignore next to the doc.
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    lock_path = Path(tempfile.gettempdir()) / f"netraven-bench-{digest}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two scripts finishing at once must not lose a section
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
        if start in text and end in text:
            head, rest = text.split(start, 1)
            text = head + block + rest.split(end, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return path


class SimulatorProcess:
    """``netraven simulate`` in its own process, so that its CPU never counts as the client's."""

    def __init__(self, workdir: Path, count: int, *, config_size: int, platforms: Sequence[str] = (),
                 extra_args: Sequence[str] = ()):
        self.workdir = workdir
        self.config_dir = workdir / "configs"
        self.inventory = workdir / "inventory.yaml"
        self.count = count
        self.config_size = config_size
        self.argv = [sys.executable, "-m", "netraven_core", "simulate", "--count", str(count),
                     "--base-port", "0", "--config-size", str(config_size),
                     "--config-dir", str(self.config_dir), "--inventory-out", str(self.inventory),
                     "--host-key", str(workdir / "sim_host_key")]
        if platforms:
            self.argv += ["--platforms", ",".join(platforms)]
        self.argv += list(extra_args)  # e.g. --fault MODE:INDEX,...
        self.proc: subprocess.Popen[str] | None = None
        self.started_s = 0.0

    def __enter__(self) -> SimulatorProcess:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                                     preexec_fn=raise_nofile)
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if "ready" in line:
                break
        else:
            raise RuntimeError(f"the simulator exited with status {self.proc.wait()}")
        self.started_s = time.perf_counter() - t0
        return self

    def cpu_seconds(self) -> float:
        """CPU used so far by the simulator process (for the record, never charged to a client)."""
        assert self.proc is not None
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def run_client(kind: str, spec: dict[str, Any], workdir: Path, *, timeout: float = 3600) -> dict[str, Any]:
    """Run one client in a fresh process (``bench/_clients.py``); its own measurements come back.

    The child reports wall time, CPU (its own plus its waited-for children, e.g. ``git``) and
    peak RSS (``VmHWM``) of the backup itself, after its imports.
    """
    spec_path = workdir / f"spec-{kind}-{time.monotonic_ns()}.json"
    spec_path.write_text(json.dumps({"kind": kind, **spec}))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(CLIENTS), str(spec_path)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, preexec_fn=raise_nofile, check=False)
    total = time.perf_counter() - t0
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"client {kind} failed (status {proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1])
    result["process_s"] = total
    return result


@contextlib.contextmanager
def status(message: str) -> Iterator[None]:
    """Print what is running and how long it took (the scripts are slow at large N)."""
    print(f"... {message}", end="", flush=True, file=sys.stderr)
    t0 = time.perf_counter()
    try:
        yield
    finally:
        print(f" ({time.perf_counter() - t0:.1f} s)", flush=True, file=sys.stderr)
