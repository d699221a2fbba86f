"""One interactive CLI session of a simulated device.

asyncssh's line editor is off (it would echo type-ahead at once, and netmiko under load then sees
``sw0#sw0#sw0#`` bursts), so this module does echo and line splitting itself: characters typed at a
prompt are echoed as they arrive, type-ahead is echoed only when the command is consumed, ``\\r``,
``\\n`` and ``\\r\\n`` (even split across packets) all end a line, and output ``\\n`` becomes
``\\r\\n``.  Passwords are never echoed.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import asyncssh

from . import contexts, faults
from .output import apply_pipe
from .variants import ANSI_EOL, ANSI_PROMPT, CLUSTER_ROLES, DOTTED_SUFFIX
from .vdoms import vdom_layout

if TYPE_CHECKING:  # pragma: no cover
    from .profiles import Profile

_BACKSPACE = ("\x7f", "\x08")


class SessionClosed(Exception):
    """The client went away."""


class CliSession:
    """Runs the prompt/command loop of one SSH shell session."""

    def __init__(self, process: asyncssh.SSHServerProcess, *, profile: Profile, hostname: str,
                 username: str, enable_secret: str | None, fault: str | None,
                 get_config: Callable[[], str], facts: Callable[[], Mapping[str, str]] = dict,
                 variants: frozenset[str] = frozenset(),
                 session_number: int = 0, check_login: Callable[[str, str], bool] | None = None,
                 context_config: Callable[[str], str] | None = None,
                 response_delay: float = 0.0):
        self.process = process
        self.response_delay = response_delay
        self.profile = profile
        self.variants = variants
        self.hostname = hostname + DOTTED_SUFFIX if "dotted" in variants else hostname
        self.role = CLUSTER_ROLES[session_number % len(CLUSTER_ROLES)]
        self.check_login = check_login
        self.context_config = context_config
        self.context: str | None = None  # the security context entered (multi-context ASA)
        self.scope: str | None = None  # FortiOS with VDOMs: "global", "vdom" or a VDOM's name
        self.user = username.split("+", 1)[0]  # MikroTik login options: admin+ct511w4098h
        self.enable_secret = enable_secret
        self.fault = fault
        self.get_config = get_config
        self.facts = facts  # fields of reply templates: serial, uptime... (simulator/facts.py)
        self.privileged = profile.user_prompt is None
        self.config_mode = False
        self.commands = 1  # the prompt's {n}: counts commands with the "counter" variant
        self._buf = ""
        self._echoed = 0  # characters of the pending line already echoed
        self._skip_lf = False  # last line ended with \r; drop a \n that follows, even later

    # ------------------------------------------------------------------ output

    @property
    def closing(self) -> bool:
        return self.process.channel.is_closing()

    def write(self, text: str) -> None:
        if text and not self.closing:
            text = text.replace("\r\n", "\n")
            if "ansi" in self.variants:
                text = text.replace("\n", ANSI_EOL + "\n")
            eol = "\r\r\n" if "crlf2" in self.variants else "\r\n"
            self.process.stdout.write(text.replace("\n", eol))

    async def drain(self) -> None:
        if self.closing:
            raise SessionClosed
        try:
            await self.process.stdout.drain()
        except (asyncssh.Error, OSError, BrokenPipeError) as exc:
            raise SessionClosed from exc

    def fmt(self, template: str, *groups: str, cmd: str = "", **fields: str) -> str:
        vdom_mode = "multiple" if "vdoms" in self.variants else "disable"  # FortiOS status
        return template.format(*groups, host=self.hostname, user=self.user, cmd=cmd, vdom_mode=vdom_mode,
                               caret=" " * (len(self.prompt_text()) + len(cmd.split(" ", 1)[0])), **fields)

    def prompt_text(self) -> str:
        """The prompt as the device's templates give it (no colours, no status line)."""
        p = self.profile
        unnamed = "unnamed" in self.variants
        host = p.default_hostname if unnamed else self.hostname
        if self.config_mode and p.config_prompt:
            template = p.config_prompt
        elif self.privileged or p.user_prompt is None:
            template = (p.unnamed_priv_prompt if unnamed else None) or p.priv_prompt
        else:
            template = (p.unnamed_user_prompt if unnamed else None) or p.user_prompt
        if self.context:
            host = f"{host}/{self.context}"
        if self.scope:
            host = f"{host} ({self.scope})"
        return template.format(host=host, user=self.user, n=self.commands)

    def prompt(self) -> str:
        """The prompt as shown: coloured (``ansi``), the status line above it (``cluster``)."""
        p, prompt = self.profile, self.prompt_text()
        if "ansi" in self.variants:
            prompt = ANSI_PROMPT[0] + prompt + ANSI_PROMPT[1]
        if "cluster" in self.variants and p.status_line:
            role, node = self.role
            prompt = "\n" + p.status_line.format(role=role, node=node) + "\n" + prompt
        return prompt

    def paged(self) -> bool:
        return self.profile.always_paged or bool({"paged", "midline"} & self.variants)

    # ------------------------------------------------------------------ input

    async def _more(self) -> None:
        try:
            data = await self.process.stdin.read(4096)
        except asyncssh.TerminalSizeChanged:
            return
        except (asyncssh.Error, OSError) as exc:
            raise SessionClosed from exc
        if not data:
            raise SessionClosed
        if self._skip_lf and data.startswith("\n"):
            data = data[1:]
        self._skip_lf = False
        self._buf += data

    async def read_line(self, *, echo: bool = True) -> str:
        """Next input line; echoes it (live while waiting, type-ahead when consumed)."""
        while True:
            m = re.search(r"\r\n|\r|\n", self._buf)
            if m:
                line, self._buf = self._buf[: m.start()], self._buf[m.end():]
                if m.group() == "\r" and not self._buf:
                    self._skip_lf = True
                elif m.group() == "\r" and self._buf.startswith("\n"):
                    self._buf = self._buf[1:]
                if echo:
                    self.write(line[self._echoed:])
                self.write("\n")  # a newline even after a hidden password
                self._echoed = 0
                return _apply_backspaces(line)
            # Nothing complete: we are at a prompt, so echo what has arrived so far.
            if echo and len(self._buf) > self._echoed:
                self.write(self._buf[self._echoed:])
                self._echoed = len(self._buf)
            await self._more()

    async def read_key(self) -> str:
        """One keystroke (for ``--More--`` and "Press any key")."""
        while not self._buf:
            await self._more()
        key, self._buf = self._buf[0], self._buf[1:]
        if key == "\r":
            if self._buf.startswith("\n"):
                self._buf = self._buf[1:]
            elif not self._buf:
                self._skip_lf = True
        return key

    # ------------------------------------------------------------------ main loop

    async def run(self) -> None:
        try:
            await self._run()
        except SessionClosed:
            pass
        finally:
            if not self.closing:
                self.process.exit(0)

    async def _run(self) -> None:
        p = self.profile
        command = self.process.command
        if command is not None:
            if "inband" in self.variants:
                # SSH let anyone in; only the shell's own login would say who: no exec.
                self.write("% Exec is not available; log in to the shell\n")
                await self.drain()
                return
            # "ssh host <command>": one command on an exec channel, run privileged (as with a
            # privilege-15 account on IOS), then exit.
            self.privileged = True
            await self.dispatch(" ".join(command.split()))
            await self.drain()
            return
        if p.motd:
            self.write(self.fmt(p.motd))
        if "inband" in self.variants and not await self.inband_login():
            return
        if p.press_any_key:
            self.write("Press any key to continue")
            await self.drain()
            await self.read_key()
            self.write("\n")
        if p.key_gate:
            text, key = p.key_gate
            self.write(text)
            await self.drain()
            while await self.read_key() != key:
                pass
            self.write("\n")
        if self.fault == "banner":
            self.write(faults.motd_banner(self.hostname))
        while True:
            self.write(self.prompt())
            await self.drain()
            line = await self.read_line()
            cmd = " ".join(line.split())
            if not cmd:
                continue
            if "counter" in self.variants:
                self.commands += 1
            if not await self.dispatch(cmd):
                return

    async def dispatch(self, cmd: str) -> bool:
        """Run one command; False ends the session."""
        p = self.profile
        if self.config_mode:
            if cmd in p.config_exit_commands or cmd in ("end", "exit"):
                self.config_mode = False
            else:
                self.write(self.fmt(p.config_reply, cmd=cmd))
            return True
        if cmd in p.exit_commands:
            if p.exit_drops_privilege and self.privileged and p.user_prompt is not None:
                self.privileged = False
                return True
            if p.logout_confirm:
                self.write(p.logout_confirm)
                await self.drain()
                key = await self.read_key()
                self.write(key if key.isprintable() else "")
                self.write("\n")
                return key not in ("y", "Y")
            return False
        if p.enable_command and cmd == p.enable_command:
            if not self.privileged:
                await self.enable()
            return True
        if p.disable_command and cmd == p.disable_command and p.user_prompt is not None:
            self.privileged = False
            return True
        if p.config_prompt and cmd in p.config_commands:
            if not self.privileged:
                self.write(self.fmt(p.privilege_required_reply, cmd=cmd))
            else:
                self.config_mode = True
            return True
        if "contexts" in self.variants and contexts.asa_context_command(self, cmd):
            return True
        if "vdoms" in self.variants and contexts.vdom_command(self, cmd):
            return True
        base, _, pipe = cmd.partition(" | ")
        if cmd in p.backup_commands or base in p.backup_commands:
            if p.backup_requires_privilege and not self.privileged:
                self.write(self.fmt(p.privilege_required_reply, cmd=cmd))
                return True
            text = self.get_config() if self.context is None or self.context_config is None \
                else self.context_config(self.context)
            if "vdoms" in self.variants:
                text = vdom_layout(text)
            if cmd not in p.backup_commands:
                filtered = apply_pipe(text, pipe)
                if filtered is None:
                    self.write(self.fmt(p.error_reply, cmd=cmd))
                    return True
                text = filtered
            if self.response_delay:
                await asyncio.sleep(self.response_delay)
            return await faults.send_output(self, text)
        for pattern, reply in p.reply_patterns:
            m = re.fullmatch(pattern, cmd)
            if m:
                self.write(self.fmt(reply, *m.groups(), cmd=cmd, **self.facts()))
                return True
        self.write(self.fmt(p.error_reply, cmd=cmd))
        return True

    async def inband_login(self) -> bool:
        """The shell's own user name / password dialogue; False after three failures."""
        p = self.profile
        for _attempt in range(3):
            self.write(self.fmt(p.login_username_prompt))
            await self.drain()
            username = await self.read_line()
            self.write(self.fmt(p.login_password_prompt))
            await self.drain()
            password = await self.read_line(echo=False)
            if self.fault != "auth" and self.check_login is not None and \
                    self.check_login(username, password):
                self.user = username.split("+", 1)[0]  # MikroTik login options
                return True
            self.write("% Authentication failed\n\n")
        return False

    async def enable(self) -> None:
        p = self.profile
        if p.enable_username_prompt:
            self.write(self.fmt(p.enable_username_prompt))
            await self.drain()
            await self.read_line()
        if self.enable_secret is not None:
            self.write(self.fmt(p.enable_password_prompt))
            await self.drain()
            secret = await self.read_line(echo=False)
            if self.fault == "enable" or secret != self.enable_secret:
                self.write(self.fmt(p.enable_failure))
                return
        self.privileged = True


def _apply_backspaces(line: str) -> str:
    if not any(b in line for b in _BACKSPACE):
        return line
    out: list[str] = []
    for ch in line:
        if ch in _BACKSPACE:
            if out:
                out.pop()
        else:
            out.append(ch)
    return "".join(out)
