"""The library example in docs/ runs as documented (real SSH against the simulator)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "backup_example.py"


@pytest.mark.integration
def test_backup_example_runs(tmp_path):
    proc = subprocess.run([sys.executable, str(EXAMPLE), str(tmp_path)], capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "loaded 3 devices and 1 credential(s)" in out
    assert "'failed': 0" in out and "'changed': 1, 'unchanged': 2" in out
    assert "+interface Loopback99" in out and "+ description added by the example" in out
    assert "sim-password" not in (tmp_path / "inventory.yaml").read_text()  # secrets stay in the environment
    history = out.split("history of sim-0000:")[1].split("diff of")[0].strip().splitlines()
    assert len(history) == 2
