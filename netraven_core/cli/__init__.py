"""The ``netraven`` command line.

Each command lives in its own module under this package (listed in ``COMMAND_MODULES``);
installed plugins add more through the ``netraven_cli_commands`` hook (the server does).
Bad input exits with status 2 and a one-line message, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from ..errors import InventoryError, NetRavenError, PluginError

COMMAND_MODULES: tuple[str, ...] = (
    "simulate",
    "plugins_cmd",
    "backup",
    "history",
    "redact_cmd",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="netraven")
def cli(verbose: int) -> None:
    """NetRaven: network configuration backup and change tracking."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _load_commands() -> None:
    for modname in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{modname}")
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)
    # Plugins (including netraven_server, registered through its entry point) add their own.
    from ..plugins import get_plugin_manager

    get_plugin_manager().hook.netraven_cli_commands(cli=cli)


def main(argv: list[str] | None = None) -> int:
    _load_commands()
    try:
        cli.main(args=argv, prog_name="netraven", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return 2 if isinstance(exc, click.UsageError | click.BadParameter) else exc.exit_code
    except (InventoryError, PluginError) as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    except NetRavenError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except SystemExit as exc:  # commands exit with their own status
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
