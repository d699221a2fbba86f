"""Tests of the built-in plugins (netraven_plugins)."""
