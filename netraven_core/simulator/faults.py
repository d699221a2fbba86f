"""Fault modes of simulated devices.

==========  ================================================================================
auth        every password is rejected
enable      the enable secret (sudo password on Linux) is rejected with the platform's error
refused     nothing listens on the device's port (connection refused)
silent      TCP is accepted but the SSH banner is never sent
stall       the backup output stops part-way and the session then hangs forever
disconnect  the backup output stops part-way and the connection is closed
endless     the backup output never ends
paging      ``terminal length 0`` is ignored; output pauses at `` --More-- `` for a key
banner      a long pre-login banner and message of the day containing ``Password:``, ``#``, ``>``
==========  ================================================================================

Only the backup commands are affected by ``stall``, ``disconnect``, ``endless`` and ``paging``;
the setup commands drivers send still work.
"""

from __future__ import annotations

from itertools import count
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .session import CliSession

FAULTS: tuple[str, ...] = (
    "auth", "enable", "refused", "silent", "stall", "disconnect", "endless", "paging", "banner",
)

PAGE_LINES = 24
# How much of the configuration stall/disconnect send before misbehaving.
PARTIAL_FRACTION = 0.4


def auth_banner(hostname: str) -> str:
    """The pre-login (SSH userauth) banner of the ``banner`` fault."""
    return (
        "*" * 72 + "\n"
        f"* {hostname}: AUTHORISED ACCESS ONLY\n"
        "* Unauthorised access is prohibited. Use the login below:\n"
        "*   Username: <your account>\n"
        "*   Password: <your password>\n"
        "* Devices answer with a prompt ending in # or > once you are in.\n"
        + "*" * 72 + "\n"
    )


def motd_banner(hostname: str) -> str:
    """The message of the day of the ``banner`` fault: prompt-like text to mislead detection."""
    lines = [
        "",
        "#" * 60,
        "# WARNING: this system is monitored. Disconnect now if you are",
        "# not an authorised user.",
        "#",
        f"# {hostname}#",
        f"# {hostname}>",
        "# Password:",
        "# Username: admin",
        "# --More-- is not a pager here",
        "#" * 60,
    ]
    lines += [f"# notice {i:02d}: maintenance window every Sunday 02:00-04:00 UTC #" for i in range(30)]
    return "\n".join(lines) + "\n\n"


async def send_output(session: CliSession, text: str) -> bool:
    """Write a backup command's output under the device's fault mode; False ends the session."""
    if text and not text.endswith("\n"):
        text += "\n"
    fault = session.fault
    if fault == "paging" or session.paged():
        lines = session.profile.page_lines if session.paged() else PAGE_LINES
        await _paged(session, text, lines, midline="midline" in session.variants)
        return True
    if fault in ("stall", "disconnect"):
        session.write(text[: int(len(text) * PARTIAL_FRACTION)])
        await session.drain()
        if fault == "disconnect":
            session.process.channel.get_connection().close()
            return False
        # Hang: keep reading (and ignoring) input until the client gives up.
        while True:
            await session.read_key()
    if fault == "endless":
        await _endless(session, text)
        return False
    session.write(text)
    return True


async def _paged(session: CliSession, text: str, page_lines: int, *, midline: bool = False) -> None:
    """``text`` a page at a time, each followed by the pager prompt; ``midline``: a page ends
    halfway through its last line, the prompt right after that text (as some devices do)."""
    lines = text.splitlines(keepends=True)
    total = len(lines)
    i = 0
    budget = page_lines
    carry = ""
    while i < total:
        page = carry + "".join(lines[i:i + budget])
        i += budget
        carry = ""
        if midline and i < total and len(lines[i]) > 2:
            half = len(lines[i]) // 2
            page, carry = page + lines[i][:half], lines[i][half:]
            i += 1
        session.write(page)
        if i >= total and not carry:
            break
        more = session.profile.more_prompt.format(start=max(i - page_lines, 0) + 1, end=i,
                                                  pct=i * 100 // total)
        erase = "\b" * len(more) + " " * len(more) + "\b" * len(more)
        session.write(more)
        await session.drain()
        key = await session.read_key()
        session.write(erase)
        if key in ("q", "Q", "\x03"):
            session.write("\n")
            return
        # Space shows another page, Enter one more line (as on Cisco).
        budget = 1 if key in ("\r", "\n") else page_lines
    if carry:
        session.write(carry)


async def _endless(session: CliSession, text: str) -> None:
    session.write(text)
    body = text.splitlines(keepends=True)[1:] or ["!\n"]
    for n in count(1):
        await session.drain()  # flow control: only as fast as the client reads
        session.write(f"! repeat {n}\n" + "".join(body))
