"""Service backup: a run through ``netraven server`` against the engine (``run_backup``) directly.

    python bench/service_backup.py [--devices 1000] [--workers 50] [--readers 20] [--reader-rounds 3]
    python bench/service_backup.py --backend postgres-redis [--service-workers 2] ...

N simulated devices (``netraven simulate`` in its own process, ~20 kB configurations, all
catalogue platforms, 5 % faulty: wrong password, refused connection, enable rejected, connection
dropped mid-configuration — faults that fail fast, so a device timeout does not set the pace)
are backed up, in the same invocation:

1. by the engine in a process of its own (``bench/_clients.py netraven``: ``run_backup`` with
   ``--workers`` devices at once into a fresh git store);
2. by the service on a fresh data directory (and, for ``postgres-redis``, a fresh database): the
   devices are inserted into its database, a backup job started through
   ``POST /api/jobs/<id>/run``, and the wall time taken from that request until the run is
   final; devices in flight are the same as the engine's (see ``--workers``).  The service is
   ``--backend sqlite``: a single-node ``netraven server`` (SQLite database, SQLite Huey queue,
   its task consumer process); or ``--backend postgres-redis``: a new PostgreSQL database per
   round (``--pg-url`` names the server and the database to create it from), the Redis Huey
   queue at ``--redis-url`` (that database index is flushed before and after each round),
   ``netraven server --no-consumer`` and ``--service-workers`` ``netraven worker`` processes
   sharing the ``--workers`` devices in flight (50 over 2: 25 each; a remainder goes to the
   first ones);
3. the same again on another fresh data directory (and database), with ``--readers`` threads
   reading the device list (``GET /api/devices?size=50``) in a loop with ``--think`` seconds
   between requests for the whole run: latency percentiles, and the run's wall time under that
   load.

Memory: peak RSS (``VmHWM``) of the server process and of each worker process, and the peak
of each one's direct children's RSS summed (sampled).  The results go to the ``service_backup``
section of ``docs/benchmarks.md`` (``service_backup_pg`` for ``postgres-redis``; ``--section``,
``--docs-out`` elsewhere, ``--no-docs`` nowhere).  ``--keep`` keeps the temporary directory
(data directories with the processes' logs) and prints its path.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import _benchlib as lib
import _service_procs as procs_mod

KEY = "x0IcfjK9Yd8-JZpQ0Nuw0ML3IbyD6sJY0vRCp5Ww7-c="
PASSWORD = "bench-password-1"
FAULT_MODES = ("auth", "refused", "enable", "disconnect")


def fault_args(count: int, share: float = 0.05) -> list[str]:
    """``--fault MODE:I,J`` arguments: every 1/share-th device faulty, modes in turn."""
    faulty = list(range(0, count, max(1, round(1 / share))))
    by_mode: dict[str, list[int]] = {}
    for n, index in enumerate(faulty):
        by_mode.setdefault(FAULT_MODES[n % len(FAULT_MODES)], []).append(index)
    return [a for mode, idx in by_mode.items() for a in ("--fault", f"{mode}:{','.join(map(str, idx))}")]


def prepare_data_dir(data: Path, inventory: Path, env: dict[str, str]) -> int:
    """A fresh database holding the simulator's devices, their credential and a backup job."""
    from sqlalchemy import insert

    from netraven_core.inventory import load_inventory
    from netraven_server.config import Settings
    from netraven_server.db import Database, upgrade
    from netraven_server.db.models import Credential, Device, Job, Tag, device_tags
    from netraven_server.security.crypto import KeyRing

    settings = Settings.from_env(env)
    settings.ensure_data_dir()
    upgrade(settings.db_url)
    inv = load_inventory(str(inventory))
    keyring = KeyRing.load(settings)
    db = Database(settings.db_url)
    with db.session() as s:
        tag = Tag(name="bench")
        cred = inv.credentials[0]
        s.add_all([tag, Credential(name="sim", username=cred.username,
                                   password_enc=keyring.encrypt(cred.password),
                                   enable_secret_enc=keyring.encrypt(cred.enable_secret), tags=[tag])])
        s.flush()
        rows = [{"hostname": d.hostname, "host": d.host, "port": d.port, "platform": d.platform}
                for d in inv.devices]
        s.execute(insert(Device), rows)
        ids = [i for (i,) in s.execute(Device.__table__.select().with_only_columns(Device.id))]
        s.execute(insert(device_tags), [{"device_id": i, "tag_id": tag.id} for i in ids])
        job = Job(name="bench", job_type="backup", schedule_type="manual", tags=[tag],
                  options={"timeout": 60, "retries": 1})
        s.add(job)
        s.flush()
        job_id = job.id
    db.dispose()
    subprocess.run([sys.executable, "-m", "netraven_core", "user", "create", "bench", "--role", "admin"],
                   input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
    return job_id


class Readers:
    """``count`` threads reading the device list until stopped; latencies in milliseconds.

    Reader ``i`` sends its first request ``i/count`` of a think time after the start, as
    independent users would: started at the same instant, the first requests of all readers
    arrive as one burst that the server answers one after the other (~5 ms each on this
    machine), and with 20 readers that burst alone made the whole p99 (~100 ms, idle or not).
    """

    def __init__(self, base: str, token: str, count: int, think: float):
        import requests

        self.requests = requests
        self.base, self.count, self.think = base, count, think
        self.headers = {"Authorization": f"Bearer {token}"}
        self.latencies: list[float] = []
        self.errors = 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._read, args=(think * i / count,), daemon=True)
                         for i in range(count)]

    def _read(self, offset: float) -> None:
        session = self.requests.Session()
        self._stop.wait(offset)
        while not self._stop.is_set():
            t0 = time.perf_counter()
            try:
                ok = session.get(f"{self.base}/api/devices?size=50", headers=self.headers,
                                 timeout=30).status_code == 200
            except self.requests.RequestException:
                ok = False
            if ok:
                self.latencies.append((time.perf_counter() - t0) * 1000)
            else:
                self.errors += 1
            self._stop.wait(self.think)

    def __enter__(self) -> Readers:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=35)

    def percentile(self, q: float) -> float | None:
        if len(self.latencies) < 2:
            return None
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(q) - 1]


def consumers_ready(db, wanted: int) -> bool:
    """``wanted`` task consumers have registered (each once warmed up: plugins loaded, redaction
    rules compiled); the server itself registers as ``server`` (``server+consumer`` in-process)."""
    from sqlalchemy import select

    from netraven_server.db.models import Worker

    with db.session(readonly=True) as s:
        kinds = s.scalars(select(Worker.kind)).all()
    return sum("worker" in k or "consumer" in k for k in kinds) >= wanted


def tails(procs: list[procs_mod.Proc]) -> str:
    return "\n".join(p.tail() for p in procs)


def log_problems(procs: list[procs_mod.Proc]) -> list[str]:
    """Error lines and tracebacks in the processes' logs: a run can end with failures the
    result counts do not tell apart from device faults."""
    return [f"{p.name}: {line}" for p in procs for line in p.log.read_text(errors="replace").splitlines()
            if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")]


def service_run(workdir: Path, inventory: Path, args: argparse.Namespace, backend, n: int,
                readers: int) -> dict[str, Any]:
    with backend.round(n) as backend_env:
        return _service_run(workdir, inventory, args, backend, readers, backend_env)


def _service_run(workdir: Path, inventory: Path, args: argparse.Namespace, backend, readers: int,
                 backend_env: dict[str, str]) -> dict[str, Any]:
    import requests
    from sqlalchemy import func, select

    from netraven_server.config import Settings
    from netraven_server.db import Database
    from netraven_server.db.models import Run, RunResult

    devices, think = args.devices, args.think
    data = Path(tempfile.mkdtemp(prefix="svc-", dir=workdir))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update({"NETRAVEN_DATA_DIR": str(data), "NETRAVEN_SECRET_KEY": KEY, "PYTHONUNBUFFERED": "1",
                **backend_env})
    with lib.status(f"service: {devices} devices into a new database"):
        job_id = prepare_data_dir(data, inventory, env)
    port = procs_mod.free_port()
    procs = backend.start(data, env, port, args.workers, args.server_arg)
    server = procs[0]
    base = f"http://127.0.0.1:{port}"
    db = Database(Settings.from_env(env).db_url)

    def check_alive(what: str) -> None:
        dead = [p for p in procs if not p.alive()]
        if dead:
            raise RuntimeError(f"{what}: {', '.join(p.name for p in dead)} exited\n{tails(procs)}")

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/api/openapi.json", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            check_alive("server did not start")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start\n{tails(procs)}")
            time.sleep(0.3)
        token = requests.post(f"{base}/api/auth/login", json={"username": "bench", "password": PASSWORD},
                              timeout=30).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        while not consumers_ready(db, max(1, backend.worker_processes)):
            check_alive("no consumer")
            if time.monotonic() > deadline + 120:
                raise RuntimeError(f"no consumer\n{tails(procs)}")
            time.sleep(0.2)
        idle = None
        if readers:
            idle = Readers(base, token, readers, think)
            with lib.status(f"service: {readers} readers, no run"), idle:
                time.sleep(10)
        reading = Readers(base, token, readers, think) if readers else None
        label = f"service ({backend.name}): run over {devices} devices" + (
            f" with {readers} readers" if readers else "")
        with procs_mod.Sampler(procs), lib.status(label), reading or contextlib.nullcontext():
            t0 = time.perf_counter()
            answer = requests.post(f"{base}/api/jobs/{job_id}/run", headers=auth, timeout=60)
            answer.raise_for_status()
            run_id = answer.json()["run_id"]
            while True:
                with db.session(readonly=True) as s:
                    status = s.get(Run, run_id).status
                if status not in ("pending", "running"):
                    break
                check_alive(f"run {run_id} still {status}")
                if time.perf_counter() - t0 > args.run_timeout:
                    raise RuntimeError(f"run {run_id} still {status} after {args.run_timeout:g} s "
                                       f"(data directory {data})\n{tails(procs)}")
                time.sleep(0.1)
            wall = time.perf_counter() - t0
        with db.session(readonly=True) as s:
            counts = dict(s.execute(select(RunResult.status, func.count()).where(RunResult.run_id == run_id)
                                    .group_by(RunResult.status)).all())
        workers = procs[1:]
        result = {"wall_s": wall, "ok": counts.get("success", 0), "failed": counts.get("failed", 0),
                  "status": status, "peak_rss_mb": server.peak_rss_mb(), "children_mb": server.children_mb,
                  "worker_rss_mb": [w.peak_rss_mb() for w in workers],
                  "worker_children_mb": [w.children_mb for w in workers]}
        if reading is not None and idle is not None:
            result.update({"p50": reading.percentile(50), "p99": reading.percentile(99),
                           "requests": len(reading.latencies), "errors": reading.errors,
                           "idle_p50": idle.percentile(50), "idle_p99": idle.percentile(99)})
        problems = log_problems(procs)
        if problems:
            print(f"\n{len(problems)} error line(s) in the logs of {data}:", *problems[:20], sep="\n",
                  file=sys.stderr)
        return result
    finally:
        db.dispose()
        procs_mod.stop_all(procs)


def report(args: argparse.Namespace, info: dict[str, Any], backend, engine: dict[str, Any],
           alone: dict[str, Any], loaded: dict[str, Any] | None) -> str:
    n = args.devices
    split = backend.worker_processes > 0  # the devices run in separate worker processes

    def memory(r: dict[str, Any]) -> list[Any]:
        cells = [r["peak_rss_mb"], r["children_mb"]]
        if split:
            cells += [max(r["worker_rss_mb"]), max(r["worker_children_mb"])]
        return cells

    engine_memory = [engine["peak_rss_mb"], engine["child_peak_rss_mb"]] + (["-", "-"] if split else [])
    rows = [["engine (`run_backup`)", f"{engine['ok']}/{n}", engine["wall_s"], n / engine["wall_s"],
             *engine_memory, "-", "-"],
            [backend.row, f"{alone['ok']}/{n}", alone["wall_s"], n / alone["wall_s"], *memory(alone),
             "-", "-"]]
    if loaded is not None:
        rows.append([f"service, {args.readers} API readers", f"{loaded['ok']}/{n}", loaded["wall_s"],
                     n / loaded["wall_s"], *memory(loaded), loaded["p50"], loaded["p99"]])
    ratio = alone["wall_s"] / engine["wall_s"]
    title = backend.title + (f", {n:,} devices" if args.section != backend.section else "")
    headers = ["peak RSS MB", "children MB"] + (["worker peak RSS MB", "worker children MB"] if split else [])
    lines = [f"## {title} (`bench/service_backup.py`)", "", *lib.machine_lines(info),
             f"- {n} simulated devices (all catalogue platforms, ~{args.config_size // 1000} kB "
             f"configurations, 5 % faulty: {', '.join(FAULT_MODES)} in turn), first backup into a fresh "
             "store; "
             f"{args.workers} devices in flight for the engine and the service; "
             f"{backend.describe(args.workers)}; readers: {args.readers} threads, "
             f"`GET /api/devices?size=50`, {args.think:g} s between requests (first requests spread "
             "over one think time)", "",
             lib.table(["client", "ok", "wall s", "devices/s", *headers, "API p50 ms", "API p99 ms"], rows),
             "",
             f"- Service / engine wall time: {ratio:.2f}x (target: within 1.3x) -> "
             f"**{'met' if ratio <= 1.3 else 'missed'}**"]
    if loaded is not None and loaded.get("idle_p99") is not None:
        lines.append(f"- API with {args.readers} readers and no run: p50 {loaded['idle_p50']:.0f} ms, "
                     f"p99 {loaded['idle_p99']:.0f} ms (the floor of this machine and client)")
    if loaded is not None and loaded["p99"] is not None:
        of_runs = loaded.get("p99_rounds", [])
        median_of = (f" (the median of {len(of_runs)} runs: {', '.join(f'{p:.0f}' for p in of_runs)} ms)"
                     if len(of_runs) > 1 else "")
        lines.append(f"- API p99 with {args.readers} readers during the run: {loaded['p99']:.0f} ms"
                     f"{median_of} over {loaded['requests']} requests, {loaded['errors']} error(s) "
                     f"(target: under 100 ms) -> **{'met' if loaded['p99'] < 100 else 'missed'}**")
    if len(engine.get("rounds", [])) > 1:
        lines.append(f"- Wall times of the {len(engine['rounds'])} interleaved rounds (median reported): "
                     f"engine {', '.join(f'{w:.2f}' for w in engine['rounds'])}; service "
                     f"{', '.join(f'{w:.2f}' for w in alone['rounds'])}")
    measured = [r for r in (alone, loaded) if r is not None]
    peak = max(max([r["peak_rss_mb"], *r["worker_rss_mb"]]) for r in measured)
    what = "Server peak RSS"
    if split:
        each = "; ".join(", ".join(f"{w:.0f}" for w in r["worker_rss_mb"]) for r in measured)
        lines.append(f"- Peak RSS of each worker process (MB, by run): {each}")
        what = "Largest peak RSS of a service process (server or worker)"
    lines.append(f"- {what} at {n} devices: {peak:.0f} MB (target: under 400 MB per process) -> "
                 f"**{'met' if peak < 400 else 'missed'}**")
    return "\n".join(lines)


def median_by_wall(results: list[dict[str, Any]]) -> dict[str, Any]:
    return sorted(results, key=lambda r: r["wall_s"])[len(results) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=50, help="devices in flight (engine and service)")
    parser.add_argument("--rounds", type=int, default=1, help="engine/service rounds (median reported)")
    parser.add_argument("--readers", type=int, default=20, help="API reader threads (0: no loaded run)")
    parser.add_argument("--reader-rounds", type=int, default=1,
                        help="runs with readers (the one with the median p99 reported)")
    parser.add_argument("--think", type=float, default=0.5, help="seconds between a reader's requests")
    parser.add_argument("--config-size", type=int, default=20000)
    parser.add_argument("--backend", choices=("sqlite", "postgres-redis"), default="sqlite",
                        help="the service's database and queue (see the module's help)")
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
                        help="postgres-redis: the server (and database) new databases are created from")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14",
                        help="postgres-redis: the queue's Redis database (flushed before and after a round)")
    parser.add_argument("--service-workers", type=int, default=2,
                        help="postgres-redis: `netraven worker` processes sharing --workers")
    parser.add_argument("--run-timeout", type=float, default=1800, help="seconds before a run is stuck")
    parser.add_argument("--server-arg", action="append", default=[], help="extra `netraven server` argument")
    parser.add_argument("--priority", type=int, default=None, help="nice value for the benchmark (root)")
    parser.add_argument("--section", default=None,
                        help="section of docs/benchmarks.md [service_backup, or service_backup_pg]")
    parser.add_argument("--docs-out", type=Path, default=None)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory (data directories, logs) and print its path")
    args = parser.parse_args()
    if args.backend == "postgres-redis":
        if args.service_workers < 1:
            parser.error("--service-workers must be at least 1")
        backend = procs_mod.PostgresRedis(args.pg_url, args.redis_url, args.service_workers)
        backend.split(args.workers)  # fail now, not after the warm-up
    else:
        backend = procs_mod.Sqlite()
    args.section = args.section or backend.section
    info = lib.machine()
    if args.priority is not None:
        info["priority"] = lib.raise_priority(args.priority)
    lib.raise_nofile()
    tmp = tempfile.mkdtemp(prefix="netraven-svcbench-")
    try:
        work = Path(tmp)
        with lib.SimulatorProcess(work / "sim", args.devices, config_size=args.config_size,
                                  extra_args=fault_args(args.devices)) as sim:
            with lib.status("warm-up: the simulator generates every configuration (engine, not measured)"):
                lib.run_client("netraven", {"inventory": str(sim.inventory), "workers": args.workers,
                                            "out": str(work / "warm-up-store")}, work)
            engines, alones = [], []
            for n in range(args.rounds):  # interleaved, so that a busy spell hits both alike
                with lib.status(f"engine, round {n + 1}"):
                    engines.append(lib.run_client("netraven", {
                        "inventory": str(sim.inventory), "workers": args.workers,
                        "out": str(work / f"engine-store-{n}")}, work))
                alones.append(service_run(work, sim.inventory, args, backend, n, 0))
            engine = median_by_wall(engines)
            alone = median_by_wall(alones)
            engine["rounds"] = [r["wall_s"] for r in engines]
            alone["rounds"] = [r["wall_s"] for r in alones]
            # A p99 is a handful of requests: on a shared machine one busy spell makes it, so it is
            # the median of --reader-rounds runs.
            loaded_runs = [service_run(work, sim.inventory, args, backend, args.rounds + i, args.readers)
                           for i in range(args.reader_rounds if args.readers else 0)]
            loaded = None
            if loaded_runs:
                loaded = sorted(loaded_runs, key=lambda r: r["p99"] or 0)[len(loaded_runs) // 2]
                loaded["p99_rounds"] = [r["p99"] for r in loaded_runs]
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    text = report(args, info, backend, engine, alone, loaded)
    print(text)
    if not args.no_docs:
        lib.write_section(args.section, text, args.docs_out)


if __name__ == "__main__":
    main()
