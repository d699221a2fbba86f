"""The CLI dialogue with a device, driven by its platform's prompt data, independent of transport.

:class:`Dialogue` is fed the text the device sends (``feed``) and told when the connection ends
(``lost``); it writes through the ``write`` callable it is given.  The same dialogue runs over an
SSH shell channel (``_asyncssh.SSHShell``) and over telnet (``_telnet``); nothing here knows
which.

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

from netraven_core import driverkit
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.models import EnableSpec, Platform

_TAIL_LIMIT = 2048  # a prompt line longer than this is not a prompt
_PRESS_ANY_KEY = re.compile(r"[Pp]ress any key to continue")
# The login window is this share of the time limit (at most LOGIN_WINDOW_MAX seconds), so that an
# unrecognised prompt is reported as such while the engine's limit has not yet struck.
LOGIN_WINDOW_SHARE = 0.6
LOGIN_WINDOW_MAX = 20.0


def _visible(line: str) -> str:
    """What a terminal would show of the last line: after the last CR, without colour codes."""
    line = line.rsplit("\r", 1)[-1]
    return driverkit.clean_terminal_text(line) if "\x1b" in line or "\x08" in line else line


# What may change in a prompt mid-session: numbers (command counters), unsaved-change marks and
# bracketed status words (HA roles such as "(Active)", "[standalone: master]").
_PROMPT_VARIABLES = re.compile(r"\d+|\*|\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")


@lru_cache(maxsize=256)
def _prompt_shape(prompt: str) -> str:
    """``prompt`` with the parts that may change mid-session blanked, its host name kept."""
    return _PROMPT_VARIABLES.sub("", prompt).strip()


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


def login_window(timeout: float, option: object = None) -> float:
    """Seconds to wait for the first prompt (the ``login_window`` driver option, else a share)."""
    if option is not None:
        return min(float(option), timeout)  # type: ignore[arg-type]
    return min(timeout * LOGIN_WINDOW_SHARE, LOGIN_WINDOW_MAX)


class Dialogue:
    """Prompt-driven conversation with one device's CLI: login, enable, commands."""

    def __init__(self, platform: Platform, timeout: float, max_output: int,
                 write: Callable[[str], None] | None = None):
        self.platform = platform
        self.timeout = timeout
        self.max_output = max_output
        self.prompt_re = _regex(platform.prompt_pattern)
        self.paging_re = _regex(platform.paging_prompt) if platform.paging_prompt else None
        self.prompt: str | None = None  # the exact prompt line, learned at login
        self._write = write
        self._chunks: list[str] = []
        self._size = 0
        self._pager_mark = 0  # buffer offset up to which pager prompts were answered
        self._received_any = False
        self._done: Callable[[str], bool] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._closed: FetchError | None = None

    # ------------------------------------------------------------------ transport side

    def attach(self, write: Callable[[str], None]) -> None:
        self._write = write

    def feed(self, data: str) -> None:
        """Text received from the device."""
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
        if self.paging_re is not None and self._answer_pager(line):
            return
        if self._done is not None and self._done(line):
            self._waiter.set_result(None)

    def lost(self, reason: str) -> None:
        """The connection ended."""
        if self._closed is None:
            if self._waiter is not None and self._size:
                reason += f" after {self._size} characters of output"
            self._closed = FetchError(ErrorCategory.DISCONNECTED, reason)
        self.fail(self._closed)

    # ------------------------------------------------------------------ operations

    def send(self, text: str) -> None:
        if self._write is not None:
            self._write(text)

    def fail(self, error: FetchError) -> None:
        """End the pending wait (if any) with ``error``."""
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(error)

    async def login(self, username: str | None = None, password: str | None = None, *,
                    inband: bool = False, window: float | None = None) -> None:
        """Wait for the first prompt, past banners, "Press any key" screens and (``inband``) a
        user name / password dialogue; ``FetchError(PROMPT)`` quoting the last line when the
        device talks but shows no recognisable prompt within ``window`` seconds."""
        platform = self.platform
        user_re, pass_re = _regex(platform.username_prompt), _regex(platform.password_prompt)
        asked: dict[str, int] = {"user": 0, "password": 0}
        gates = [(_regex(pattern), keys) for pattern, keys in platform.login_gates]

        def ready(line: str) -> bool:
            shown = _visible(line)
            if _PRESS_ANY_KEY.search(shown):
                self._reset()
                self.send(" ")
                return False
            for gate, keys in gates:  # a banner that waits for its key (ERS: Ctrl-Y)
                if gate.search(shown):
                    self._reset()
                    self.send(keys)
                    return False
            if inband and user_re.search(shown) and not self._is_prompt(line):
                self._answer_login("user", username, asked)
                return False
            if inband and pass_re.search(shown):
                self._answer_login("password", password, asked)
                return False
            return self._is_prompt(line)

        window = self.timeout if window is None else min(window, self.timeout)
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            await self._wait(ready, "the login prompt", window, login=True)
        except FetchError as exc:
            remaining = self.timeout - (loop.time() - started)
            if exc.category is not ErrorCategory.TIMEOUT or remaining <= 0:
                raise
            # Silent so far: the device may still be starting its shell.
            await self._wait(ready, "the login prompt", remaining, login=True)
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

    async def run(self, command: str, *, prompt_changes: bool = False) -> str:
        """Send ``command``; its output without the echo and the trailing prompt (cleaned text,
        pager prompts still in; see :func:`netraven_core.driverkit.command_text`).

        ``prompt_changes``: the command leads to another prompt (``changeto context X``,
        ``config global``), recognised by the platform's pattern and learned for what follows.
        """
        self.send(command + "\n")
        done = self._is_prompt if prompt_changes else self._is_prompt_after_command
        await self._wait(done, f"the output of {command!r}")
        raw = "".join(self._chunks)
        # Remember the prompt as sent (colour codes included): the next command must end with it.
        self.prompt = self._last_line().rsplit("\r", 1)[-1] or self.prompt
        self._reset()
        text = driverkit.clean_terminal_text(raw)
        text = text[: max(text.rfind("\n"), 0)]  # the prompt line
        return driverkit.strip_echo(text.lstrip("\n"), command)

    # ------------------------------------------------------------------ internals

    def _answer_login(self, what: str, value: str | None, asked: dict[str, int]) -> None:
        asked[what] += 1
        if asked[what] > 1 or value is None:
            field = "user name" if what == "user" else "password"
            why = "again: the login was refused" if value is not None else "but the credential has none"
            self.fail(FetchError(ErrorCategory.AUTH, f"the device asked for the {field} {why}"))
            return
        self._reset()
        self.send(value + "\n")

    def _answer_pager(self, line: str) -> bool:
        """Answer a pager prompt at the end of ``line`` (once); True when one was answered.

        The prompt stays in the buffer: devices erase it with backspaces or a carriage return,
        which :func:`~netraven_core.driverkit.clean_terminal_text` applies, and what is left is
        removed by :func:`~netraven_core.driverkit.strip_pager_prompts`.  It may follow text on
        the same line (a page ending mid-line), which is kept.
        """
        line_start = self._size - len(line)
        fresh = line[max(self._pager_mark - line_start, 0):]
        assert self.paging_re is not None
        if not fresh or not self.paging_re.search(_visible(fresh)):
            return False
        self._pager_mark = self._size
        self.send(self.platform.paging_response)
        return True

    def _is_prompt(self, line: str) -> bool:
        line = _visible(line)
        match = self.prompt_re.search(line)
        # The prompt must start the line: banners and MOTDs like "# sw1#" must not pass for one.
        return match is not None and not line[: match.start()].strip()

    def _is_prompt_after_command(self, line: str) -> bool:
        # The exact prompt learned at login is the reliable signal (a config line cannot fake
        # it by looking prompt-like).  Some prompts change as the session goes (ExtremeXOS counts
        # commands, "sw1.7 #"; an unsaved-changes "*"; an HA role flipping): a line the pattern
        # accepts whose shape, counters and marks aside, is the learned prompt's ends it too.
        if not (self.prompt and self.prompt.strip()):
            return self._is_prompt(line)
        shown, learned = line.rsplit("\r", 1)[-1].rstrip(), self.prompt.rstrip()
        if shown == learned:
            return True
        # Cheap test first (this runs on every chunk of a large configuration): what changes in
        # a prompt comes before its final character ("#", ">"...), which stays.
        if not shown or shown[-1] != learned[-1]:
            return False
        return self._is_prompt(line) and _prompt_shape(_visible(shown)) == _prompt_shape(_visible(learned))

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

    def _reset(self) -> None:
        self._chunks = []
        self._size = 0
        self._pager_mark = 0

    async def _wait(self, done: Callable[[str], bool], what: str, limit: float | None = None,
                    *, login: bool = False) -> None:
        if self._chunks and done(self._last_line()):
            return
        if self._closed is not None:
            raise self._closed
        loop = asyncio.get_running_loop()
        self._waiter = waiter = loop.create_future()
        self._done = done
        had_data = bool(self._chunks) or (login and self._received_any)
        self._received_any = False
        limit = self.timeout if limit is None else limit
        timer = loop.call_later(limit, self._expire, waiter, what, had_data, limit, login)
        try:
            await waiter
        finally:
            timer.cancel()
            self._waiter = None
            self._done = None

    def _expire(self, waiter: asyncio.Future[None], what: str, had_data: bool, limit: float,
                login: bool) -> None:
        if waiter.done():
            return
        if login and (had_data or self._received_any):
            error = driverkit.prompt_not_recognised(self._last_line(), limit)
            self._received_any = True
        else:
            error = FetchError(ErrorCategory.TIMEOUT, f"no complete answer within {limit:g}s "
                               f"while waiting for {what}")
        waiter.set_exception(error)


async def run_backup_commands(shell: Dialogue, platform: Platform, commands: tuple[str, ...],
                              errors: list[re.Pattern[str]]) -> list[tuple[str, str]]:
    return [(command, driverkit.command_text(platform, command, await shell.run(command), errors))
            for command in commands]
