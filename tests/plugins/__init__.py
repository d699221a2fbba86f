"""Tests of the built-in plugins (netraven_plugins)."""

# Old home of the test plugin; tests/service imports it from here (drop once it uses tests.support).
from tests.support import everything  # noqa: F401
