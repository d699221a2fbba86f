"""API speed with a large database: device list, a device's history, a diff of two 20 kB versions.

Seeds N devices (default 100,000) and N configuration versions with bulk inserts, then times
requests through the Flask test client (the whole stack: routing, auth, permission check,
queries, serialisation) on SQLite and on PostgreSQL.  Targets: median under 50 ms for a page of
devices, a device's history and a diff of two 20 kB configurations.

    python bench/api_speed.py [--devices 100000] [--versions 100000] [--repeat 60]
                              [--backends sqlite,postgres]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text

from bench._benchlib import machine, machine_lines, raise_priority, table, write_section
from netraven_core.models import ConfigToStore
from netraven_server.app import create_app
from netraven_server.config import Settings
from netraven_server.db import upgrade
from netraven_server.db.models import ConfigVersion, Device, Tag, User, device_tags
from netraven_server.security.tokens import issue_access_token
from netraven_server.services import configs as config_service

PLATFORMS = ("cisco_ios", "arista_eos", "juniper_junos", "cisco_nxos", "fortinet")
TAGS = ("core", "edge", "dc", "branch", "lab", "wan", "access", "dist")
CHUNK = 5000
POSTGRES_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def config_text(hostname: str, size: int = 20_000, variant: int = 0) -> str:
    """A realistic-looking configuration of about ``size`` bytes; ``variant`` changes ~2% of lines."""
    rng = random.Random(hostname)
    lines = [f"hostname {hostname}", "!"]
    i = 0
    while sum(len(x) + 1 for x in lines) < size:
        i += 1
        peer = f"{rng.choice(TAGS)}-{rng.randint(1, 99)}"
        lines += [f"interface GigabitEthernet0/{i}", f" description link {i} to {peer}",
                  f" ip address 10.{i // 250}.{i % 250}.1 255.255.255.0", " no shutdown", "!"]
    if variant:
        vr = random.Random(variant)
        for idx in vr.sample(range(2, len(lines)), max(1, len(lines) // 50)):
            lines[idx] = lines[idx] + f" ! changed {variant}"
    return "\n".join(lines) + "\n"


def seed(db, n_devices: int, n_versions: int) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    with db.engine.begin() as conn:
        conn.execute(insert(Tag), [{"name": t, "created_at": now, "updated_at": now} for t in TAGS])
        tag_ids = [r[0] for r in conn.execute(text("SELECT id FROM tags ORDER BY id"))]
        for start in range(0, n_devices, CHUNK):
            rows = [{"id": i + 1, "hostname": f"dev{i:06d}",
                     "host": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}", "port": 22,
                     "platform": PLATFORMS[i % len(PLATFORMS)], "vars": {}, "enabled": True,
                     "created_at": now, "updated_at": now}
                    for i in range(start, min(n_devices, start + CHUNK))]
            conn.execute(insert(Device), rows)
            links = [{"device_id": r["id"], "tag_id": tag_ids[r["id"] % len(tag_ids)]} for r in rows]
            links += [{"device_id": r["id"], "tag_id": tag_ids[(r["id"] * 7 + 3) % len(tag_ids)]}
                      for r in rows if (r["id"] * 7 + 3) % len(tag_ids) != r["id"] % len(tag_ids)]
            conn.execute(insert(device_tags), links)
        # Versions: 100 per "busy" device (the device measured below is one of them).
        per_device = 100
        busy = max(1, n_versions // per_device)
        batch = []
        for k in range(n_versions):
            device_id = k % busy + 1
            nth = k // busy
            batch.append({"device_id": device_id, "hostname": f"dev{device_id - 1:06d}",
                          "storage_backend": "git", "storage_ref": uuid.uuid4().hex,
                          "content_hash": hashlib.sha256(str(k).encode()).hexdigest(),
                          "retrieved_at": now - timedelta(hours=per_device - nth), "size": 20_000,
                          "lines_added": 3, "lines_removed": 2})
            if len(batch) >= CHUNK:
                conn.execute(insert(ConfigVersion), batch)
                batch = []
        if batch:
            conn.execute(insert(ConfigVersion), batch)
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("SELECT setval('devices_id_seq', (SELECT max(id) FROM devices))"))
    # Fresh statistics and visibility maps, as autovacuum would have made by then.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"))


def timed(client, url: str, headers: dict, repeat: int, before=None) -> tuple[float, float, float]:
    """Median and p95 wall time, and median CPU time of this process (the API side; with
    PostgreSQL the database server's own CPU is not included), in ms."""
    samples, cpu = [], []
    for _ in range(repeat):
        if before:
            before()
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:300])
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], statistics.median(cpu)


def _renice_backends(db, nice: int) -> None:
    """Give this database's PostgreSQL server processes the benchmark's priority too."""
    import os

    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))  # make sure the pool's connection exists
        pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))
        for (pid,) in pids:
            try:
                Path(f"/proc/{pid}/autogroup").write_text(str(nice))
            except OSError:
                pass
            try:
                os.setpriority(os.PRIO_PROCESS, pid, nice)
            except OSError:
                pass


def run_backend(name: str, url: str, workdir: Path, args) -> list[list]:
    settings = Settings(data_dir=workdir / "data", database_url=url, secret_keys=(), jwt_secret="bench-" * 8,
                        migrate_on_start=False)
    settings.ensure_data_dir()
    upgrade(settings.db_url)
    app = create_app(settings, migrate=False)
    state = app.extensions["netraven"]
    t0 = time.perf_counter()
    seed(state.db, args.devices, args.versions)
    seeded = time.perf_counter() - t0
    print(f"[{name}] seeded {args.devices} devices and {args.versions} versions in {seeded:.1f} s",
          flush=True)
    # Two real 20 kB versions through the git storage plugin, indexed like the task engine does.
    target = "dev000001"
    infos_a = state.storage.save([ConfigToStore(hostname=target, text=config_text(target))])
    infos_b = state.storage.save([ConfigToStore(hostname=target, text=config_text(target, variant=7))])
    with state.db.session() as s:
        s.add(User(username="bench", password_hash="x", role="admin"))
        v_a = config_service.record_versions(s, infos_a, {target: 2})[target].id
        v_b = config_service.record_versions(s, infos_b, {target: 2})[target].id
        user_id = s.query(User.id).filter_by(username="bench").scalar()
    if args.priority is not None and state.db.engine.dialect.name == "postgresql":
        _renice_backends(state.db, args.priority)
    token, _ = issue_access_token(state.jwt_secret, user_id, "admin", 3600)
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    busy_device = 2  # has 100 indexed versions (+2 real ones)
    cases = [
        ("devices, page 1 (50 of N, sorted by hostname)", "/api/devices?page=1&size=50", None),
        ("devices, page 1000", "/api/devices?page=1000&size=50", None),
        ("devices, filtered by platform + tag", "/api/devices?platform=arista_eos&tag=dc&size=50", None),
        ("device history, page 1 (50)", f"/api/devices/{busy_device}/configs?size=50", None),
        ("diff of two 20 kB versions", f"/api/configs/diff?from={v_a}&to={v_b}", None),
        ("diff, texts read from git each time", f"/api/configs/diff?from={v_a}&to={v_b}",
         lambda: config_service._cache.__init__()),
    ]
    rows = []
    for label, path, before in cases:
        timed(client, path, headers, 3, before)  # warm-up
        median, p95, cpu = timed(client, path, headers, args.repeat, before)
        rows.append([name, label, f"{median:.1f}", f"{p95:.1f}", f"{cpu:.1f}"])
        print(f"[{name}] {label}: median {median:.1f} ms, p95 {p95:.1f} ms, CPU {cpu:.1f} ms", flush=True)
    state.db.dispose()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=100_000)
    parser.add_argument("--versions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--priority", type=int, default=None,
                        help="nice value for this process and its PostgreSQL backend, e.g. -15 (root)")
    args = parser.parse_args()
    priority = raise_priority(args.priority) if args.priority is not None else "unchanged"
    info = machine()
    rows = []
    with tempfile.TemporaryDirectory(prefix="nr-api-bench-") as tmp:
        work = Path(tmp)
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url = f"sqlite:///{work / 'sqlite' / 'bench.db'}"
                rows += run_backend("SQLite", url, work / "sqlite", args)
            elif backend == "postgres":
                import psycopg

                name = f"nr_bench_{uuid.uuid4().hex[:8]}"
                conninfo = "host=127.0.0.1 user=postgres dbname=postgres"
                with psycopg.connect(conninfo, autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
                try:
                    rows += run_backend("PostgreSQL", f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
                                        work / "pg", args)
                finally:
                    with psycopg.connect(conninfo, autocommit=True) as conn:
                        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    result = table(["database", "request", "median ms", "p95 ms", "API CPU ms (median)"], rows)
    print(result)
    if not args.no_write:
        body = "\n".join([
            "## API speed with a large database",
            "",
            f"{args.devices:,} devices and {args.versions:,} configuration versions, seeded with bulk "
            "inserts; requests through the Flask test client (routing, JWT check, permission table, queries, "
            f"JSON). {args.repeat} requests per row after a warm-up. Target: median under 50 ms for a device "
            "page, a device's history and a diff of two 20 kB configurations (about 2% of lines changed; "
            "the last row re-reads both texts from git on every request). Wall times include waiting for a "
            "CPU: compare them with the load average below; the CPU column is the API process's own work.",
            "",
            *machine_lines(info),
            f"- Priority: {priority}",
            "",
            result,
        ])
        print(f"wrote {write_section('api_speed', body)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
