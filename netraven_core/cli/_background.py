"""``netraven simulate --background``: serve from a forked child; return once it listens.

A shell's ``&`` returns at once, so a script has to guess how long the simulator takes to start
(seconds on a busy machine); with ``--background`` the command returns when the devices listen,
prints the ready line and the child's pid, and fails with the child's status when it could not
start (a port in use...).  Once ready the child writes nothing more (its standard streams go to
/dev/null), so ``$(netraven simulate ... --background)`` and pipes end as they should.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click


def fork_until_ready() -> Callable[[str], None]:
    """Fork.  The parent waits for the child's ready line, prints it and exits; the child gets
    the function that hands the ready line to the parent (and carries on serving)."""
    if not hasattr(os, "fork"):
        raise click.UsageError("--background needs fork(); run the command with '&' instead")
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_fd)
        with os.fdopen(read_fd, encoding="utf-8") as pipe:
            line = pipe.readline().strip()
        if line:
            click.echo(line)
            click.echo(f"running in the background as pid {pid}; stop it with: kill {pid}")
            sys.exit(0)
        _pid, status = os.waitpid(pid, 0)  # it failed before listening and said why on stderr
        sys.exit(os.waitstatus_to_exitcode(status) or 1)

    os.close(read_fd)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)  # a background process must not read the terminal

    def ready(line: str) -> None:
        os.write(write_fd, (line + "\n").encode("utf-8"))
        os.close(write_fd)
        sys.stdout.flush()
        sys.stderr.flush()
        # Like a daemon from here on: the caller may be a pipe or $(...) waiting for end of file.
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)

    return ready
