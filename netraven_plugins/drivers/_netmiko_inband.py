"""A refused in-band login, seen as such under netmiko.

netmiko answers a shell's own "User Name:" / "Password:" dialogue (Dell PowerConnect, AireOS)
in its ``special_login_handler`` and then waits for a prompt; when the device refused the
password and asks again, netmiko only times out ("Pattern not detected"), after its own 20 s.
:func:`guard_inband_login` looks at what follows netmiko's answer: the prompt goes back to
netmiko untouched, the login prompt again is an ``AUTH`` failure at once.
"""

from __future__ import annotations

import re
import time
from typing import Any

from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.models import Platform

# How long to wait for the device's verdict before leaving the session to netmiko as it is.
VERDICT_WINDOW = 5.0


def _answers_inband(conn: Any) -> bool:
    """Whether netmiko's class for the device type has a login dialogue of its own."""
    from netmiko.base_connection import BaseConnection

    return type(conn).special_login_handler is not BaseConnection.special_login_handler


def guard_inband_login(conn: Any, platform: Platform, window: float = VERDICT_WINDOW) -> None:
    """Wrap ``conn.special_login_handler`` (before ``conn._open()``) for an in-band platform."""
    original = conn.special_login_handler
    answered = _answers_inband(conn)
    prompt = re.compile(platform.prompt_pattern)
    asked_again = re.compile(f"(?:{platform.username_prompt})|(?:{platform.password_prompt})")

    def checked(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        seen, deadline = "", time.monotonic() + window
        try:
            while time.monotonic() < deadline:
                seen += conn.read_channel()
                last = seen.rsplit("\n", 1)[-1]
                if last and prompt.search(last):
                    return
                if last and asked_again.search(last):
                    if not answered:
                        raise FetchError(ErrorCategory.PROMPT, "the device asks for a user name in "
                                         f"the shell ({last.strip()[:40]!r}), which netmiko's "
                                         f"{type(conn).__name__} does not answer; the ssh driver does")
                    raise FetchError(ErrorCategory.AUTH, "the device asked for the login again after "
                                     "the in-band user name and password: it refused them")
                time.sleep(0.05)
        finally:
            # netmiko reads on from here: what was seen is put back in front of its buffer.
            conn._read_buffer = seen + conn._read_buffer

    conn.special_login_handler = checked
