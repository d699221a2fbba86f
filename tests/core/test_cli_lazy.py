"""The lazy command line: built-in commands listed without importing them, in sync with their code."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from netraven_core.cli import BUILTIN_COMMANDS, shorten_help
from netraven_core.cli.extras import extra_providing, install_hint


@pytest.mark.parametrize("name", sorted(BUILTIN_COMMANDS))
def test_listed_help_matches_the_command(name):
    entry = BUILTIN_COMMANDS[name]
    command = getattr(importlib.import_module(f"netraven_core.cli.{entry.module}"), name)
    assert command.name == name
    assert shorten_help(entry.short_help, 1000) == command.get_short_help_str(1000)


def test_help_and_version_import_no_command_module():
    code = ("import sys; from netraven_core.cli import main; main(['--help']); "
            "loaded = [m for m in sys.modules "
            "if m.startswith('netraven_core.cli.') and m != 'netraven_core.cli.extras' "
            "or m in ('asyncssh', 'git', 'requests', 'yaml', 'rich', 'netraven_core.engine.run')]; "
            "print('LOADED', loaded)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "LOADED []" in out
    assert "backup" in out and "simulate" in out


def test_server_dependencies_are_named_with_their_extra():
    assert extra_providing("flask") == "server"
    assert extra_providing("sqlalchemy.orm") == "server"
    assert "netraven[server]" in install_hint("jwt")
    assert install_hint("no_such_module_xyz", required=False) is None
