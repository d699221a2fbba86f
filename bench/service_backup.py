"""Service backup: a run through ``netraven server`` against the engine (``run_backup``) directly.

    python bench/service_backup.py [--devices 1000] [--workers 50] [--readers 20]

N simulated devices (``netraven simulate`` in its own process, ~20 kB configurations, all
catalogue platforms, 5 % faulty: wrong password, refused connection, enable rejected, connection
dropped mid-configuration — faults that fail fast, so a device timeout does not set the pace)
are backed up, in the same invocation:

1. by the engine in a process of its own (``bench/_clients.py netraven``: ``run_backup`` with
   ``--workers`` devices at once into a fresh git store);
2. by a single-node ``netraven server`` (SQLite database, SQLite Huey queue, embedded consumer)
   on a fresh data directory: the devices are inserted into its database, a backup job started
   through ``POST /api/jobs/<id>/run``, and the wall time taken from that request until the run
   is final; devices in flight are the same as the engine's (see ``--workers``);
3. the same again on another fresh data directory, with ``--readers`` threads reading the device
   list (``GET /api/devices?size=50``) in a loop with ``--think`` seconds between requests
   for the whole run: latency percentiles, and the run's wall time under that load.

Memory: peak RSS of the server process (``VmHWM``) and the peak of its children's RSS summed
(sampled).  The results go to the ``service_backup`` section of ``docs/benchmarks.md``
(``--docs-out`` elsewhere, ``--no-docs`` nowhere).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children_of(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


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
    """``count`` threads reading the device list until stopped; latencies in milliseconds."""

    def __init__(self, base: str, token: str, count: int, think: float):
        import requests

        self.requests = requests
        self.base, self.count, self.think = base, count, think
        self.headers = {"Authorization": f"Bearer {token}"}
        self.latencies: list[float] = []
        self.errors = 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._read, daemon=True) for _ in range(count)]

    def _read(self) -> None:
        session = self.requests.Session()
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


def consumer_ready(db) -> bool:
    from sqlalchemy import select

    from netraven_server.db.models import Worker

    with db.session(readonly=True) as s:
        kinds = s.scalars(select(Worker.kind)).all()
    return any("worker" in k or "consumer" in k for k in kinds)


def service_run(workdir: Path, inventory: Path, devices: int, workers: int, readers: int,
                think: float, server_args: list[str]) -> dict[str, Any]:
    import requests
    from sqlalchemy import func, select

    from netraven_server.config import Settings
    from netraven_server.db import Database
    from netraven_server.db.models import Run, RunResult

    data = Path(tempfile.mkdtemp(prefix="svc-", dir=workdir))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update({"NETRAVEN_DATA_DIR": str(data), "NETRAVEN_SECRET_KEY": KEY, "PYTHONUNBUFFERED": "1"})
    with lib.status(f"service: {devices} devices into a new database"):
        job_id = prepare_data_dir(data, inventory, env)
    port = free_port()
    log = open(data / "server.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen([sys.executable, "-m", "netraven_core", "server", "--host", "127.0.0.1",
                               "--port", str(port), "--workers", str(workers), *server_args],
                              env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=lib.raise_nofile,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    db = Database(Settings.from_env(env).db_url)
    peak = {"children": 0.0, "rss": 0.0}
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            peak["rss"] = max(peak["rss"], rss_mb(server.pid))
            peak["children"] = max(peak["children"], sum(rss_mb(c) for c in children_of(server.pid)))
            sampling.wait(0.2)

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/api/openapi.json", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {(data / 'server.log').read_text()[-3000:]}")
            time.sleep(0.3)
        token = requests.post(f"{base}/api/auth/login", json={"username": "bench", "password": PASSWORD},
                              timeout=30).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        # The consumer registers once warmed up (plugins loaded, redaction rules compiled).
        while not consumer_ready(db):
            if server.poll() is not None or time.monotonic() > deadline + 120:
                raise RuntimeError(f"no consumer: {(data / 'server.log').read_text()[-3000:]}")
            time.sleep(0.2)
        idle = None
        if readers:
            idle = Readers(base, token, readers, think)
            with lib.status(f"service: {readers} readers, no run"), idle:
                time.sleep(10)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        reading = Readers(base, token, readers, think) if readers else None
        label = f"service: run over {devices} devices" + (f" with {readers} readers" if readers else "")
        with lib.status(label):
            if reading is not None:
                reading.__enter__()
            t0 = time.perf_counter()
            answer = requests.post(f"{base}/api/jobs/{job_id}/run", headers=auth, timeout=60)
            answer.raise_for_status()
            run_id = answer.json()["run_id"]
            while True:
                with db.session(readonly=True) as s:
                    status = s.get(Run, run_id).status
                if status not in ("pending", "running"):
                    break
                time.sleep(0.1)
            wall = time.perf_counter() - t0
            if reading is not None:
                reading.__exit__()
        sampling.set()
        sampler.join()
        with db.session(readonly=True) as s:
            counts = dict(s.execute(select(RunResult.status, func.count()).where(RunResult.run_id == run_id)
                                    .group_by(RunResult.status)).all())
        result = {"wall_s": wall, "ok": counts.get("success", 0), "failed": counts.get("failed", 0),
                  "status": status, "peak_rss_mb": rss_mb(server.pid, "VmHWM"),
                  "children_mb": peak["children"]}
        if reading is not None and idle is not None:
            result.update({"p50": reading.percentile(50), "p99": reading.percentile(99),
                           "requests": len(reading.latencies), "errors": reading.errors,
                           "idle_p50": idle.percentile(50), "idle_p99": idle.percentile(99)})
        return result
    finally:
        db.dispose()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()


def report(args: argparse.Namespace, info: dict[str, Any], engine: dict[str, Any],
           alone: dict[str, Any], loaded: dict[str, Any] | None) -> str:
    n = args.devices
    rows = [["engine (`run_backup`)", f"{engine['ok']}/{n}", engine["wall_s"], n / engine["wall_s"],
             engine["peak_rss_mb"], engine["child_peak_rss_mb"], "-", "-"],
            ["service (`netraven server`)", f"{alone['ok']}/{n}", alone["wall_s"], n / alone["wall_s"],
             alone["peak_rss_mb"], alone["children_mb"], "-", "-"]]
    if loaded is not None:
        rows.append([f"service, {args.readers} API readers", f"{loaded['ok']}/{n}", loaded["wall_s"],
                     n / loaded["wall_s"], loaded["peak_rss_mb"], loaded["children_mb"], loaded["p50"],
                     loaded["p99"]])
    ratio = alone["wall_s"] / engine["wall_s"]
    title = "Service backup" + (f", {n:,} devices" if args.section != "service_backup" else "")
    lines = [f"## {title} (`bench/service_backup.py`)", "", *lib.machine_lines(info),
             f"- {n} simulated devices (all catalogue platforms, ~{args.config_size // 1000} kB "
             f"configurations, 5 % faulty: {', '.join(FAULT_MODES)} in turn), first backup into a fresh "
             "store; "
             f"{args.workers} devices in flight for the engine and the service; single node: SQLite "
             "database, SQLite Huey queue; server and engine each in their own process, the simulator "
             f"in another; readers: {args.readers} threads, `GET /api/devices?size=50`, {args.think:g} s "
             "between requests; peak RSS MB: the engine's process, or the server's (API) process; "
             "children MB: the engine's cleaning process, or the server's direct children (its task "
             "consumer process), sampled", "",
             lib.table(["client", "ok", "wall s", "devices/s", "peak RSS MB", "children MB",
                        "API p50 ms", "API p99 ms"], rows), "",
             f"- Service / engine wall time: {ratio:.2f}x (target: within 1.3x) -> "
             f"**{'met' if ratio <= 1.3 else 'missed'}**"]
    if loaded is not None and loaded.get("idle_p99") is not None:
        lines.append(f"- API with {args.readers} readers and no run: p50 {loaded['idle_p50']:.0f} ms, "
                     f"p99 {loaded['idle_p99']:.0f} ms (the floor of this machine and client)")
    if loaded is not None and loaded["p99"] is not None:
        lines.append(f"- API p99 with {args.readers} readers during the run: {loaded['p99']:.0f} ms over "
                     f"{loaded['requests']} requests, {loaded['errors']} error(s) (target: under 100 ms) -> "
                     f"**{'met' if loaded['p99'] < 100 else 'missed'}**")
    if len(engine.get("rounds", [])) > 1:
        lines.append(f"- Wall times of the {len(engine['rounds'])} interleaved rounds (median reported): "
                     f"engine {', '.join(f'{w:.2f}' for w in engine['rounds'])}; service "
                     f"{', '.join(f'{w:.2f}' for w in alone['rounds'])}")
    peak = max(r["peak_rss_mb"] for r in (alone, loaded) if r is not None)
    lines.append(f"- Server peak RSS at {n} devices: {peak:.0f} MB (target: under 400 MB per process) -> "
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
    parser.add_argument("--think", type=float, default=0.5, help="seconds between a reader's requests")
    parser.add_argument("--config-size", type=int, default=20000)
    parser.add_argument("--server-arg", action="append", default=[], help="extra `netraven server` argument")
    parser.add_argument("--priority", type=int, default=None, help="nice value for the benchmark (root)")
    parser.add_argument("--section", default="service_backup", help="section of docs/benchmarks.md")
    parser.add_argument("--docs-out", type=Path, default=None)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    info = lib.machine()
    if args.priority is not None:
        info["priority"] = lib.raise_priority(args.priority)
    lib.raise_nofile()
    with tempfile.TemporaryDirectory(prefix="netraven-svcbench-") as tmp:
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
                alones.append(service_run(work, sim.inventory, args.devices, args.workers, 0, args.think,
                                          args.server_arg))
            engine = median_by_wall(engines)
            alone = median_by_wall(alones)
            engine["rounds"] = [r["wall_s"] for r in engines]
            alone["rounds"] = [r["wall_s"] for r in alones]
            loaded = service_run(work, sim.inventory, args.devices, args.workers, args.readers, args.think,
                                 args.server_arg) if args.readers else None
    text = report(args, info, engine, alone, loaded)
    print(text)
    if not args.no_docs:
        lib.write_section(args.section, text, args.docs_out)


if __name__ == "__main__":
    main()
