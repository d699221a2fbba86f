"""`pip install netraven` (no extras) gives a working library and CLI without the server's stack.

A fresh virtual environment gets a plain (non-editable) install of this checkout; the server's
dependencies must be absent there, the CLI must start, and a real backup must succeed against
the simulator run by that same installation.
"""

from __future__ import annotations

import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.integration]


@pytest.fixture(scope="module")
def library_env(tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("libenv") / "venv"
    venv.create(env, with_pip=True)
    source = tmp_path_factory.mktemp("src") / "netraven"
    # A copy without the working tree's venv and caches: pip builds from what is shipped.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build",
                                                                 "__pycache__", ".hypothesis", "tests"))
    proc = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", str(source)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return env


def test_server_dependencies_are_not_installed(library_env):
    python = str(library_env / "bin" / "python")
    for module in ("flask", "sqlalchemy", "huey", "alembic"):
        proc = subprocess.run([python, "-c", f"import {module}"], capture_output=True, text=True)
        assert proc.returncode != 0 and "ModuleNotFoundError" in proc.stderr, module


def test_cli_starts_and_server_commands_name_the_extra(library_env, tmp_path):
    netraven = str(library_env / "bin" / "netraven")
    help_proc = subprocess.run([netraven, "--help"], capture_output=True, text=True, timeout=60)
    assert help_proc.returncode == 0, help_proc.stderr
    assert "backup" in help_proc.stdout and "simulate" in help_proc.stdout
    db = subprocess.run([netraven, "db", "upgrade", "--data-dir", str(tmp_path / "data")],
                        capture_output=True, text=True, timeout=60)
    assert db.returncode != 0
    assert "pip install 'netraven[server]'" in db.stderr and "Traceback" not in db.stderr


def test_backup_against_the_simulator(library_env, tmp_path):
    netraven = str(library_env / "bin" / "netraven")
    inventory = tmp_path / "inv.yaml"
    sim = subprocess.Popen([netraven, "simulate", "--count", "2", "--base-port", "0", "--inventory-out",
                            str(inventory), "--host-key", str(tmp_path / "host_key")],
                           stdout=subprocess.PIPE, text=True)
    try:
        assert sim.stdout is not None
        assert "ready" in sim.stdout.readline()
        proc = subprocess.run([netraven, "backup", "-i", str(inventory), "-s", str(tmp_path / "store"),
                               "--json"], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        assert '"ok": 2' in proc.stdout
    finally:
        sim.terminate()
        sim.wait(timeout=30)
