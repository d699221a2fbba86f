"""The server's NetRaven plugin: adds its commands to the ``netraven`` CLI (entry point
``server = "netraven_server.plugin"`` in the ``netraven`` group)."""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl


@hookimpl
def netraven_cli_commands(cli) -> None:
    from .cli import COMMANDS

    for command in COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)
