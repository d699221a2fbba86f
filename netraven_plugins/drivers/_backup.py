"""What a CLI session does once logged in, on any transport: privileged mode, setup commands,
the backup (one configuration, or each context of a multi-context device) and the sections."""

from __future__ import annotations

from netraven_core import driverkit
from netraven_core.models import ConnectionTarget

from ._contexts import backup_contexts, in_multi_context_mode
from ._shell import Dialogue, run_backup_commands


async def backup_dialogue(shell: Dialogue, target: ConnectionTarget,
                          enable_secret: str | None) -> tuple[driverkit.Outputs, driverkit.Outputs]:
    """After login, on any transport: enable, setup commands, backup commands, checks, then the
    platform's sections (an optional one the device rejects is left out)."""
    platform = target.platform
    if platform.enable is not None:
        await shell.enable(platform.enable, enable_secret)
    for command in platform.setup_commands:
        await shell.run(command)
    errors = driverkit.compile_error_patterns(platform)
    if platform.contexts is not None and await in_multi_context_mode(shell, platform.contexts):
        outputs = await backup_contexts(shell, platform, platform.contexts, errors)
    else:
        outputs = await run_backup_commands(shell, platform, platform.backup_commands, errors)
        driverkit.check_complete(platform, "\n".join(out for _c, out in outputs))
    enter, leave = driverkit.section_scope_commands(platform, outputs)
    for command in enter:
        await shell.run(command, prompt_changes=True)
    sections = []
    for section in platform.sections:
        kept = driverkit.section_result(platform, section, await shell.run(section.command), compiled=errors)
        if kept is not None:
            sections.append(kept)
    for command in leave:
        await shell.run(command, prompt_changes=True)
    if platform.exit_command:
        shell.send(platform.exit_command + "\n")  # polite; we close without waiting
    return tuple(outputs), tuple(sections)
