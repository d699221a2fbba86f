"""Backing up every context of a multi-context device (``Platform.contexts``), on any transport.

The system (global) part first, then each listed context; each stored below its header line
(``Platform.comment_prefix`` + ``ContextSpec.header``) and checked for completeness on its own,
so a context cut short is ``TRUNCATED`` even when another one ends with the marker.
"""

from __future__ import annotations

import re

from netraven_core import driverkit
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.models import ContextSpec, Platform

from ._shell import Dialogue, run_backup_commands


async def in_multi_context_mode(shell: Dialogue, spec: ContextSpec) -> bool:
    answer = driverkit.clean_terminal_text(await shell.run(spec.detect_command))
    return re.search(spec.detect_pattern, answer, re.MULTILINE) is not None


async def backup_contexts(shell: Dialogue, platform: Platform, spec: ContextSpec,
                          errors: list[re.Pattern[str]]) -> list[tuple[str, str]]:
    outputs = [await _one(shell, platform, spec, spec.system_name, spec.system_enter_commands,
                          spec.system_leave_commands, platform.backup_commands, errors)]
    listing = driverkit.command_text(platform, spec.list_command, await shell.run(spec.list_command),
                                     errors)
    names = list(dict.fromkeys(m.group("name") for m in re.finditer(spec.item_pattern, listing,
                                                                     re.MULTILINE)))
    if not names:
        raise FetchError(ErrorCategory.COMMAND, f"{spec.list_command!r} listed no context "
                         f"(expected lines matching {spec.item_pattern!r})")
    for name in names:
        enter = tuple(c.format(name=name) for c in spec.enter_commands)
        leave = tuple(c.format(name=name) for c in spec.leave_commands)
        outputs.append(await _one(shell, platform, spec, name, enter, leave,
                                  spec.backup_commands or platform.backup_commands, errors))
    return outputs


async def _one(shell: Dialogue, platform: Platform, spec: ContextSpec, name: str,
               enter: tuple[str, ...], leave: tuple[str, ...], commands: tuple[str, ...],
               errors: list[re.Pattern[str]]) -> tuple[str, str]:
    for command in enter:
        driverkit.command_text(platform, command, await shell.run(command, prompt_changes=True),
                               errors)
    parts = await run_backup_commands(shell, platform, commands, errors)
    text = "\n".join(out for _c, out in parts)
    try:
        driverkit.check_complete(platform, text)
    except FetchError as exc:
        raise FetchError(exc.category, f"context {name!r}: {exc.message}") from None
    for command in leave:
        await shell.run(command, prompt_changes=True)
    header = f"{platform.comment_prefix} {spec.header.format(name=name)}\n"
    return "; ".join((*enter, *commands)), header + text
