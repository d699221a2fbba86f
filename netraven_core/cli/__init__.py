"""The ``netraven`` command line.

Start-up is kept cheap: a command's module is imported only when that command runs (the
built-in ones are listed in ``BUILTIN_COMMANDS`` with the one-line help ``--help`` shows), and
plugin commands (the ``netraven_cli_commands`` hook; the server adds its commands so) are
collected only for ``--help`` or a name that is not built in.  Only third-party plugins are
asked for commands: the built-in plugins add none, and loading them means importing every
driver library.
Bad input exits with status 2 and a one-line message, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any, NamedTuple

import click

from ..errors import InventoryError, NetRavenError, PluginError
from .extras import install_hint


def shorten_help(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` columns as click cuts a command's short help."""
    return click.Command(None, short_help=text).get_short_help_str(limit)


class BuiltinCommand(NamedTuple):
    module: str  # under netraven_core.cli; defines a click command named like the key
    short_help: str  # what --help lists, without importing the module (a test keeps it in sync)


BUILTIN_COMMANDS: dict[str, BuiltinCommand] = {
    "backup": BuiltinCommand("backup", "Back up every device of an inventory."),
    "check": BuiltinCommand("check", "Check the latest stored configuration of every device "
                                     "against a rules file."),
    "diff": BuiltinCommand("history", "Show what changed in HOSTNAME's configuration."),
    "history": BuiltinCommand("history", "List the stored versions of HOSTNAME, newest first."),
    "redact": BuiltinCommand("redact_cmd", "Print FILE as it would be stored (normalised, secrets "
                                           "redacted) and list, per rule, the lines where something "
                                           "was removed."),
    "plugins": BuiltinCommand("plugins_cmd", "List the loaded plugins, drivers, platforms, storage "
                                             "backends and notifiers."),
    "show": BuiltinCommand("history", "Print a stored configuration of HOSTNAME."),
    "simulate": BuiltinCommand("simulate", "Run COUNT simulated SSH devices until interrupted (login "
                                           "admin / sim-password, enable secret sim-enable)."),
}


class LazyGroup(click.Group):
    """A group whose built-in commands are imported on use and plugin commands on demand."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plugins_loaded = False
        self.unavailable: dict[str, str] = {}  # plugin name -> why its commands are missing

    def builtin_command(self, name: str) -> click.Command:
        module = importlib.import_module(f"{__name__}.{BUILTIN_COMMANDS[name].module}")
        command = getattr(module, name)
        self.add_command(command, name)
        return command

    def load_plugin_commands(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        from .. import plugins  # the module attribute, so tests can swap get_plugin_manager

        pm = plugins.get_plugin_manager(builtins=False)
        for impl in pm.hook.netraven_cli_commands.get_hookimpls():
            try:
                impl.function(*[{"cli": self}[arg] for arg in impl.argnames])
            except ModuleNotFoundError as exc:
                # A plugin shipped with optional dependencies that are not installed.
                self.unavailable[impl.plugin_name] = f"needs {exc.name}; {install_hint(exc.name)}"

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.load_plugin_commands()
        return sorted({*BUILTIN_COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name in BUILTIN_COMMANDS:
            return self.builtin_command(cmd_name)
        self.load_plugin_commands()
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            if self.unavailable:
                missing = "; ".join(f"plugin {name!r} {why}"
                                    for name, why in sorted(self.unavailable.items()))
                raise click.UsageError(f"{exc.message} (commands unavailable: {missing})", ctx) from None
            raise

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            loaded = self.commands.get(name)
            if loaded is not None:
                if not loaded.hidden:
                    rows.append((name, loaded.get_short_help_str(limit)))
            else:
                rows.append((name, shorten_help(BUILTIN_COMMANDS[name].short_help, limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
        if self.unavailable:
            with formatter.section("Unavailable plugin commands"):
                formatter.write_dl(sorted(self.unavailable.items()))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="netraven")
def cli(verbose: int) -> None:
    """NetRaven: network configuration backup and change tracking."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def main(argv: list[str] | None = None) -> int:
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
    except ModuleNotFoundError as exc:
        hint = install_hint(exc.name, required=False)
        if hint is None:
            raise  # not an optional dependency: a bug, keep the traceback
        click.echo(f"error: this command needs {exc.name}, which is not installed; {hint}", err=True)
        return 1
    except SystemExit as exc:  # commands exit with their own status
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
