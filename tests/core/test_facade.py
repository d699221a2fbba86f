"""The package front door: every public name resolves, lazily, and old module paths still work."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import netraven_core
from netraven_core._moved import MOVED


@pytest.mark.parametrize("name", netraven_core.__all__)
def test_every_public_name_resolves(name):
    assert getattr(netraven_core, name) is not None


def test_internal_plugin_list_is_not_public():
    assert "DEFAULT_PLUGINS" not in netraven_core.__all__


def test_version_comes_from_the_distribution():
    from importlib.metadata import version

    assert netraven_core.__version__ == version("netraven")


def test_importing_the_package_imports_no_engine_or_plugin_machinery():
    code = ("import sys, netraven_core; "
            "print(sorted(m for m in sys.modules if m.startswith(('netraven_core.', 'pluggy', 'asyncio'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # only the two helpers the front door itself needs: the lazy table and the old-path hook
    assert out.strip() == "['netraven_core._lazy', 'netraven_core._moved']"


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_old_module_paths_give_the_moved_module(old, new):
    module = importlib.import_module(old)
    assert module is importlib.import_module(new)
    assert module.__name__ == new and module.__spec__.name == new


def test_an_old_path_imported_first_is_the_moved_module():
    code = ("import netraven_core.redact as old, sys; "
            "assert old is sys.modules['netraven_core.configtext.redact'] "
            "is sys.modules['netraven_core.redact']; "
            "from netraven_core.hostkeys import key_identity; "
            "assert key_identity.__module__ == 'netraven_core.engine.hostkeys'")
    subprocess.run([sys.executable, "-c", code], check=True)
