"""The README's CLI walkthrough and Python example run as written and show a real change.

The commands and the snippet are read from README.md's code blocks, so the test breaks when the
README changes in a way that no longer works.  The only edit: the simulator gets free ports
(``--base-port``), since 23000 may be in use on a shared machine.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.ports import free_port_range

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.S | re.M)


def walkthrough() -> tuple[str, str, str]:
    """(the section's prose, the CLI block, the Python block) of the README's CLI section."""
    section = _section(README.read_text(encoding="utf-8"), "Without a server")
    (commands,) = [b for b in _blocks(section, "sh") if "netraven simulate" in b]
    (snippet,) = _blocks(section, "python")
    return section, commands, snippet


def _script(commands: str, snippet: str, base_port: int) -> str:
    """A bash script: each command of the block after a ``### <command>`` marker line, then the
    snippet as a file run by ``python``, then the simulator stopped (the script's output goes to
    ``../output.txt``)."""
    (simulate,) = [line for line in commands.splitlines() if line.startswith("netraven simulate ")]
    assert "--base-port" not in simulate
    lines = ["set -e"]
    for line in commands.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            lines.append(f"echo {shlex.quote('### ' + line.split('  #')[0].strip())}")
        lines.append(line.replace("netraven simulate ", f"netraven simulate --base-port {base_port} ", 1))
    lines += ["echo '### python example'", "cat > example.py <<'README_SNIPPET'", snippet.rstrip("\n"),
              "README_SNIPPET", "python example.py"]
    # Then stop the simulator as the README says: with the kill command it printed.
    lines += ["echo '### stop'", "$(grep -o 'stop it with: kill [0-9]*' ../output.txt | cut -d: -f2)"]
    return "\n".join(lines) + "\n"


def _shims(bin_dir: Path) -> None:
    """``netraven`` and ``python`` on PATH as the activated venv has them: this interpreter, with
    this checkout first on its path."""
    bin_dir.mkdir()
    python = shlex.quote(sys.executable)
    (bin_dir / "netraven").write_text(f'#!/bin/sh\nexec {python} -m netraven_core "$@"\n')
    (bin_dir / "netraven").chmod(0o755)
    # A script, not a symlink: a venv's python finds its site-packages from its own path.
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec {python} "$@"\n')
    (bin_dir / "python").chmod(0o755)


def _stop_simulator(log: Path) -> None:
    """Should the script have failed before its last line: the background simulator's pid is in
    its ready message."""
    for pid in re.findall(r"stop it with: kill (\d+)", log.read_text(errors="replace")):
        try:
            os.kill(int(pid), signal.SIGTERM)
        except ProcessLookupError:
            pass


def _outputs(out: str) -> dict[str, str]:
    parts = re.split(r"^### (.*)$", out, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_the_readme_tells_to_activate_the_venv_and_uses_simulated_hostnames():
    section, commands, snippet = walkthrough()
    assert "source .venv/bin/activate" in section
    assert "the `kill` command it printed" in section
    assert "--background" in commands and "&" not in commands  # no guessing how long it takes to start
    hostnames = set(re.findall(r"\bsim-\d{4}\b|\bsw\d+\b", commands + snippet))
    assert hostnames == {"sim-0000"}  # device 0 exists in the 20 simulated ones and drifts


def test_the_cli_walkthrough_and_the_python_example_show_a_real_diff(tmp_path):
    _section_text, commands, snippet = walkthrough()
    work = tmp_path / "work"
    work.mkdir()
    _shims(tmp_path / "bin")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update(PATH=f"{tmp_path / 'bin'}{os.pathsep}{env.get('PATH', '')}", PYTHONPATH=str(ROOT),
               HOME=str(tmp_path), COLUMNS="120", PYTHONUNBUFFERED="1")
    script = _script(commands, snippet, free_port_range(20))
    log = tmp_path / "output.txt"
    with log.open("w") as sink:  # a file, not a pipe: nothing waits for a stray process to close it
        proc = subprocess.Popen(["bash", "-c", script], cwd=work, env=env, stdout=sink,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            proc.wait(timeout=240)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)  # whatever the script left running
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)
            _stop_simulator(log)
    out = log.read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0, out
    assert "Traceback" not in out, out
    steps = _outputs(out)
    history = next(v for k, v in steps.items() if k.startswith("netraven history"))
    assert len(re.findall(r"^[0-9a-f]{12}\s", history, re.M)) == 2, history
    diff = next(v for k, v in steps.items() if k.startswith("netraven diff"))
    assert "--- sim-0000@" in diff and "/dev/null" not in diff, diff
    assert re.search(r"^\+ description ", diff, re.M) and re.search(r"^- description ", diff, re.M), diff
    previous = next(v for k, v in steps.items() if k.startswith("netraven show"))
    assert "hostname sim-0000" in previous
    example = steps["python example"]
    assert "'failed': 0" in example and "sim-0000 " in example
    assert "--- sim-0000@" in example and "/dev/null" not in example, example
    # The drifted configurations still carry the generated secrets; none reaches the store.
    from netraven_core.simulator import generate

    secrets = [s for s in generate("cisco_ios", "sim-0000").secrets if len(s) >= 4]
    assert secrets and [s for s in secrets if s in previous or s in diff] == []
