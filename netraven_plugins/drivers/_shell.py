"""An interactive CLI session over an asyncssh channel, driven by a platform's prompt data.

Incoming text is kept as a list of chunks; on every chunk only the *last line* is examined
(prompt, paging prompt), so a large configuration costs O(size) once and never a rescan.  A wait
finishes the moment its condition holds, with a deadline armed by ``loop.call_later`` rather than
a polling loop.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from functools import lru_cache

import asyncssh

from netraven_core import driverkit
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.models import EnableSpec, Platform

_TAIL_LIMIT = 2048  # a prompt line longer than this is not a prompt
_PRESS_ANY_KEY = re.compile(r"[Pp]ress any key to continue")


def _visible(line: str) -> str:
    """What a terminal would show of the last line: after the last CR, without colour codes."""
    line = line.rsplit("\r", 1)[-1]
    return driverkit.clean_terminal_text(line) if "\x1b" in line else line


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


class ShellSession(asyncssh.SSHClientSession):
    """The client side of one PTY shell: collects output and resolves waits."""

    def __init__(self, platform: Platform, timeout: float, max_output: int):
        self.platform = platform
        self.timeout = timeout
        self.max_output = max_output
        self.prompt_re = _regex(platform.prompt_pattern)
        self.paging_re = _regex(platform.paging_prompt) if platform.paging_prompt else None
        self.prompt: str | None = None  # the exact prompt line, learned at login
        self._chan: asyncssh.SSHClientChannel | None = None
        self._chunks: list[str] = []
        self._size = 0
        self._received_any = False
        self._done: Callable[[str], bool] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._closed: FetchError | None = None

    # ------------------------------------------------------------------ asyncssh callbacks

    def connection_made(self, chan: asyncssh.SSHClientChannel) -> None:
        self._chan = chan

    def data_received(self, data: str, datatype: asyncssh.DataType) -> None:
        self._chunks.append(data)
        self._size += len(data)
        self._received_any = True
        if self._waiter is None or self._waiter.done():
            return
        if self._size > self.max_output:
            self.fail(FetchError(ErrorCategory.TRUNCATED,
                                 f"output exceeded the limit of {self.max_output} characters"))
            return
        line = self._last_line()
        if self.paging_re is not None and self.paging_re.search(line):
            self._drop_last_line()
            self.send(" ")
            return
        if self._done is not None and self._done(line):
            self._waiter.set_result(None)

    def eof_received(self) -> bool:
        self._lost("the device closed the session")
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost("the device closed the connection" + (f" ({type(exc).__name__})" if exc else ""))

    # ------------------------------------------------------------------ operations

    def send(self, text: str) -> None:
        chan = self._chan
        if chan is not None and not chan.is_closing():
            chan.write(text)

    def fail(self, error: FetchError) -> None:
        """End the pending wait (if any) with ``error``."""
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(error)

    async def wait_login_prompt(self) -> None:
        """Wait for the first prompt, answering "Press any key" screens on the way."""

        def ready(line: str) -> bool:
            if _PRESS_ANY_KEY.search(line):
                self._reset()
                self.send(" ")
                return False
            return self._is_prompt(line)

        await self._wait(ready, "the login prompt")
        self.prompt = self._take_prompt()

    async def enable(self, spec: EnableSpec, secret: str | None) -> None:
        """Reach privileged mode; ``FetchError(ENABLE)`` when the device refuses."""
        privileged = _regex(spec.privileged_prompt)
        if self.prompt is not None and privileged.search(_visible(self.prompt)):
            return
        password = _regex(spec.password_prompt)

        def settled(line: str) -> bool:
            return bool(password.search(_visible(line)) or self._is_prompt(line))

        self.send(spec.command + "\n")
        await self._wait(settled, "the enable prompt")
        if password.search(_visible(self._last_line())):
            if secret is None:
                raise FetchError(ErrorCategory.ENABLE, "the device asks for an enable secret but "
                                 "the credential has none")
            self._reset()
            self.send(secret + "\n")
            await self._wait(settled, "privileged mode")
            if password.search(_visible(self._last_line())):
                raise FetchError(ErrorCategory.ENABLE, "the enable secret was refused")
        line = self._last_line().rsplit("\r", 1)[-1]
        self._reset()
        if not privileged.search(_visible(line)):
            raise FetchError(ErrorCategory.ENABLE, "privileged mode was not reached "
                             f"(prompt {_visible(line).strip()[:80]!r})")
        self.prompt = line

    async def run(self, command: str) -> str:
        """Send ``command`` and return its output without the echo and the trailing prompt."""
        self.send(command + "\n")
        await self._wait(self._is_prompt_after_command, f"the output of {command!r}")
        raw = "".join(self._chunks)
        # Remember the prompt as sent (colour codes included): the next command must end with it.
        self.prompt = self._last_line().rsplit("\r", 1)[-1] or self.prompt
        self._reset()
        text = driverkit.clean_terminal_text(raw)
        text = text[: max(text.rfind("\n"), 0)]  # the prompt line
        return driverkit.strip_echo(text.lstrip("\n"), command)

    # ------------------------------------------------------------------ internals

    def _is_prompt(self, line: str) -> bool:
        line = _visible(line)
        match = self.prompt_re.search(line)
        # The prompt must start the line: banners and MOTDs like "# sw1#" must not pass for one.
        return match is not None and not line[: match.start()].strip()

    def _is_prompt_after_command(self, line: str) -> bool:
        # The exact prompt learned at login is the reliable signal (a config line cannot fake
        # it by looking prompt-like); the pattern is only the fallback when none was learned.
        if self.prompt and self.prompt.strip():
            return line.rsplit("\r", 1)[-1].rstrip() == self.prompt.rstrip()
        return self._is_prompt(line)

    def _take_prompt(self) -> str:
        line = self._last_line().rsplit("\r", 1)[-1]
        self._reset()
        return line

    def _last_line(self) -> str:
        parts: list[str] = []
        length = 0
        for chunk in reversed(self._chunks):
            nl = chunk.rfind("\n")
            if nl >= 0:
                parts.append(chunk[nl + 1 :])
                break
            parts.append(chunk)
            length += len(chunk)
            if length > _TAIL_LIMIT:
                break
        if len(parts) == 1:
            return parts[0]
        return "".join(reversed(parts))

    def _drop_last_line(self) -> None:
        text = "".join(self._chunks)
        nl = text.rfind("\n")
        self._chunks = [text[: nl + 1]]
        self._size = nl + 1

    def _reset(self) -> None:
        self._chunks = []
        self._size = 0

    def _lost(self, reason: str) -> None:
        if self._closed is None:
            if self._waiter is not None and self._size:
                reason += f" after {self._size} characters of output"
            self._closed = FetchError(ErrorCategory.DISCONNECTED, reason)
        self.fail(self._closed)

    async def _wait(self, done: Callable[[str], bool], what: str) -> None:
        if self._chunks and done(self._last_line()):
            return
        if self._closed is not None:
            raise self._closed
        loop = asyncio.get_running_loop()
        self._waiter = waiter = loop.create_future()
        self._done = done
        self._received_any = False
        had_data = bool(self._chunks)
        timer = loop.call_later(self.timeout, self._expire, waiter, what, had_data)
        try:
            await waiter
        finally:
            timer.cancel()
            self._waiter = None
            self._done = None

    def _expire(self, waiter: asyncio.Future[None], what: str, had_data: bool) -> None:
        if waiter.done():
            return
        if self.prompt is None and (had_data or self._received_any):
            tail = self._last_line().strip()[-80:]
            error = FetchError(ErrorCategory.PROMPT, f"the prompt did not appear within "
                               f"{self.timeout:g}s (last line {tail!r})")
        else:
            error = FetchError(ErrorCategory.TIMEOUT, f"no complete answer within {self.timeout:g}s "
                               f"while waiting for {what}")
        waiter.set_exception(error)
