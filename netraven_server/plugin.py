"""The server's NetRaven plugin: adds its commands to the ``netraven`` CLI and contributes its
built-in job types through the same hook as third-party ones (entry point
``server = "netraven_server.plugin"`` in the ``netraven`` group).  Registered ``trylast`` like
the other built-ins would be, so a plugin's job type of the same name replaces it."""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl


@hookimpl
def netraven_cli_commands(cli) -> None:
    from .cli import COMMANDS

    for command in COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)


@hookimpl(trylast=True)
def netraven_job_types() -> list[dict]:
    # Imported here: the CLI loads this plugin at start-up and must not pay for the job modules.
    from .jobtypes import builtin_job_types

    return builtin_job_types()
