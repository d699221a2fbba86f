"""The server's commands for the ``netraven`` command line: ``db``, ``user``, ``keys`` (admin) and
``server``, ``worker`` (the service).  Registered through the ``netraven_cli_commands`` hook (see
:mod:`netraven_server.plugin`).  Command bodies import what they need when they run, so that
``netraven --help`` stays fast.
"""

from __future__ import annotations

from . import admin, service

COMMANDS = [*admin.COMMANDS, *service.COMMANDS]
