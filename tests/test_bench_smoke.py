"""Each bench script runs end to end at a tiny size and writes its section to a scratch document
(never docs/benchmarks.md).  Figures are not checked: speed belongs to bench/, not to tests."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.services import require_postgres, require_redis

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# The service benchmark flushes its Redis database index before and after each round: one of
# its own, not the suite's (tests share index 0 under unique queue names) nor the default 14 of
# a real measurement that may be running.
BENCH_REDIS_URL = "redis://127.0.0.1:6379/13"


def run_script(name: str, *args: str, timeout: float = 150) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, str(BENCH / name), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, f"{name} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


def section(doc: Path, name: str) -> str:
    text = doc.read_text()
    assert f"<!-- bench:{name} -->" in text and f"<!-- /bench:{name} -->" in text
    return text.split(f"<!-- bench:{name} -->", 1)[1].split(f"<!-- /bench:{name} -->", 1)[0]


@pytest.mark.parametrize("name", ["fleet_backup.py", "scaling.py", "git_history.py",
                                  "compliance_overhead.py", "compliance_parsers.py", "service_backup.py"])
def test_help(name: str) -> None:
    assert "usage:" in run_script(name, "--help").stdout


def test_fleet_backup_tiny(tmp_path: Path) -> None:
    doc = tmp_path / "bench.md"
    doc.write_text("# Benchmarks\n\nnotes kept\n\n"
                   "<!-- bench:other -->\nother section\n<!-- /bench:other -->\n")
    run_script("fleet_backup.py", "--devices", "3", "--workers", "3", "--config-size", "2000",
               "--no-warmup", "--docs-out", str(doc))
    body = section(doc, "fleet_backup")
    for client in ("NetRaven", "Nornir 3 + nornir_netmiko", "netmiko thread pool", "raw floor (asyncssh)",
                   "NetRaven, unchanged re-run", "NetRaven, 10 % changed"):
        assert f"| {client} " in body
    assert "| 3/3 " in body and "0/3" not in body
    assert "cores" in body and "Command: `python bench/fleet_backup.py --devices 3" in body
    # the other sections and the text outside the markers are untouched
    assert "notes kept" in doc.read_text() and section(doc, "other").strip() == "other section"


def test_scaling_tiny(tmp_path: Path) -> None:
    doc = tmp_path / "bench.md"
    run_script("scaling.py", "--sizes", "2,4", "--workers", "2", "--config-size", "2000", "--no-warmup",
               "--docs-out", str(doc))
    body = section(doc, "scaling")
    assert "| NetRaven | 2 " in body and "| NetRaven | 4 " in body


def test_git_history_tiny(tmp_path: Path) -> None:
    doc = tmp_path / "bench.md"
    run_script("git_history.py", "--store", str(tmp_path / "store"), "--devices", "3", "--versions", "3",
               "--size", "2000", "--samples", "3", "--docs-out", str(doc))
    body = section(doc, "git_history")
    assert "3 devices x 3 versions" in body and "read one version" in body


def test_cli_startup_tiny(tmp_path: Path) -> None:
    doc = tmp_path / "bench.md"
    run_script("cli_startup.py", "--repeat", "1", "--docs-out", str(doc))
    body = section(doc, "cli_startup")
    for command in ("python -c pass", "netraven --version", "netraven --help", "netraven backup (1 device)"):
        assert f"| {command} " in body
    assert "x python -c pass" in body and "Command: `python bench/cli_startup.py --repeat 1" in body


def test_compliance_overhead_tiny(tmp_path: Path) -> None:
    doc = tmp_path / "bench.md"
    run_script("compliance_overhead.py", "--devices", "4", "--workers", "4", "--config-size", "2000",
               "--rounds", "1", "--repeats", "1", "--no-warmup", "--docs-out", str(doc))
    body = section(doc, "compliance_overhead")
    assert "| without rules | 4 " in body and "| with 20 rules | 4 " in body
    assert "Ratio with/without" in body and "| cisco_ios " in body


def test_compliance_parsers_tiny(tmp_path: Path) -> None:
    """Three platforms through NetRaven's index only (the suite's venv has neither library)."""
    doc = tmp_path / "bench.md"
    run_script("compliance_parsers.py", "--libraries", "netraven", "--platforms",
               "cisco_ios,arista_eos,juniper_junos", "--repeats", "1", "--docs-out", str(doc))
    body = section(doc, "compliance_parsers")
    assert "| netraven " in body and "| 0/3 " in body
    for platform in ("cisco_ios", "arista_eos", "juniper_junos"):
        assert f"| {platform} " in body
    assert "Command: `python bench/compliance_parsers.py --libraries netraven" in body


def test_compliance_parsers_skips_missing_library(tmp_path: Path) -> None:
    libraries = (("hier-config", "hier_config"), ("ciscoconfparse2", "ciscoconfparse2"))
    missing = [name for name, module in libraries if importlib.util.find_spec(module) is None]
    if not missing:
        pytest.skip("both libraries are installed here")
    proc = run_script("compliance_parsers.py", "--platforms", "cisco_ios", "--repeats", "1", "--no-docs")
    for name in missing:
        assert f"{name}: skipped, not importable" in proc.stderr
        assert f"| {name} " not in proc.stdout
    assert "| netraven " in proc.stdout


def table_rows(body: str) -> dict[str, list[str]]:
    """A section's table: first cell -> the row's cells (padding stripped)."""
    lines = [line for line in body.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    return {row[0]: row for row in cells}


def test_service_backup_sqlite_tiny(tmp_path: Path) -> None:
    doc = tmp_path / "bench.md"
    run_script("service_backup.py", "--devices", "20", "--workers", "4", "--readers", "0",
               "--config-size", "2000", "--docs-out", str(doc), timeout=300)
    body = section(doc, "service_backup")
    rows = table_rows(body)
    # every 20th device is faulty: one of 20
    assert rows["engine (`run_backup`)"][1] == "19/20" and rows["service (`netraven server`)"][1] == "19/20"
    assert "worker peak RSS MB" not in rows["client"]
    assert "single node: SQLite database, SQLite Huey queue" in body and "Server peak RSS" in body


def _bench_databases(admin: str) -> set[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(admin)
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, password=u.password,
                         dbname=u.database) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'netraven_svcbench_%'")
        return {name for (name,) in rows}


def test_service_backup_postgres_redis_tiny(tmp_path: Path) -> None:
    import redis
    from sqlalchemy.engine import make_url

    admin = make_url(require_postgres()).set(database="postgres").render_as_string(hide_password=False)
    require_redis()
    before = _bench_databases(admin)  # a real measurement may be running beside the test
    doc = tmp_path / "bench.md"
    run_script("service_backup.py", "--backend", "postgres-redis", "--pg-url", admin, "--redis-url",
               BENCH_REDIS_URL, "--devices", "20", "--workers", "5", "--readers", "2",
               "--config-size", "2000", "--docs-out", str(doc), timeout=300)
    body = section(doc, "service_backup_pg")
    rows = table_rows(body)
    assert rows["service (PostgreSQL + Redis, 2 workers)"][1] == "19/20"
    assert rows["service, 2 API readers"][1] == "19/20" and rows["service, 2 API readers"][-1] != "-"
    assert "worker peak RSS MB" in rows["client"] and "Largest peak RSS of a service process" in body
    assert "2 `netraven worker` processes with 3 + 2 devices in flight" in body
    # torn down: the round's databases dropped, the Redis index flushed
    assert _bench_databases(admin) <= before
    client = redis.Redis.from_url(BENCH_REDIS_URL)
    try:
        assert client.dbsize() == 0
    finally:
        client.close()
