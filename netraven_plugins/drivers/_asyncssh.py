"""The implementation of the ``ssh`` driver (see :mod:`netraven_plugins.drivers.ssh`).

It drives an interactive shell (a PTY, like an operator) purely from the platform's data, so a
platform plugin needs no code.  It is event driven: incoming data is checked as it arrives and a
wait ends the moment the prompt shows at the end of the buffer (no sleeps, no polling), which
keeps both latency and client CPU close to a bare asyncssh script.  asyncssh sets TCP_NODELAY on
every connection itself.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import asyncssh
from asyncssh.public_key import get_default_public_key_algs

from netraven_core import driverkit
from netraven_core.engine.classify import classify
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.models import ConnectionTarget, FetchOutput, HostKeyMode, Transport

from ._backup import backup_dialogue
from ._shell import Dialogue, login_window
from ._telnet import TelnetLink

# Preferring the cheapest safe algorithms keeps handshake CPU low on both ends.
_KEX = ("curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256",
        "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512",
        "diffie-hellman-group-exchange-sha256", "diffie-hellman-group14-sha1")
_CIPHERS = ("aes128-gcm@openssh.com", "aes128-ctr", "aes256-gcm@openssh.com",
            "chacha20-poly1305@openssh.com", "aes256-ctr", "aes192-ctr", "aes128-cbc", "aes256-cbc")
DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024


def openssh_public_key(key: asyncssh.SSHKey) -> str:
    """``"<type> <base64>"`` for a server key (no comment)."""
    line = key.export_public_key("openssh").decode("ascii").strip()
    return driverkit.key_identity(line) or line


# A session's backup outputs and its sections.
_Result = tuple[driverkit.Outputs, driverkit.Outputs]


class _Client(asyncssh.SSHClient):
    """Checks the host key during key exchange, i.e. before any credential leaves the client."""

    def __init__(self, target: ConnectionTarget):
        self.target = target
        self.seen_key: str | None = None
        self.refusal: FetchError | None = None

    def validate_host_public_key(self, host: str, addr: str, port: int, key: asyncssh.SSHKey) -> bool:
        self.seen_key = openssh_public_key(key)
        try:
            driverkit.host_key_decision(self.target, self.seen_key)
        except FetchError as exc:
            self.refusal = exc
            return False
        return True


class SSHShell(asyncssh.SSHClientSession):
    """An asyncssh PTY shell session feeding a :class:`Dialogue`."""

    def __init__(self, dialogue: Dialogue):
        self.dialogue = dialogue
        self._chan: asyncssh.SSHClientChannel | None = None

    def connection_made(self, chan: asyncssh.SSHClientChannel) -> None:
        self._chan = chan
        self.dialogue.attach(self._write)

    def _write(self, text: str) -> None:
        chan = self._chan
        if chan is not None and not chan.is_closing():
            chan.write(text)

    def data_received(self, data: str, datatype: asyncssh.DataType) -> None:
        self.dialogue.feed(data)

    def eof_received(self) -> bool:
        self.dialogue.lost("the device closed the session")
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.dialogue.lost("the device closed the connection" + (f" ({type(exc).__name__})" if exc else ""))


class AsyncSSHFetch:
    """One fetch over SSH with asyncssh, for :class:`~netraven_plugins.drivers.ssh.AsyncSSHDriver`.

    Driver options (``Platform.drivers["ssh"]`` overlaid with ``ConnectionTarget.driver_options``):
    ``username_suffix`` (appended to the login name, e.g. ``"+ct"`` for RouterOS to turn off
    colours and terminal probing), ``term_type`` (default ``"vt100"``), ``width`` (default 511),
    ``max_output`` (characters per command, default 64 MiB; more is ``TRUNCATED``), ``send_newline``
    (send a newline after login when the device shows no prompt by itself), ``login_window``
    (seconds to wait for a recognisable first prompt before failing with ``PROMPT``).
    ``Device.transport == "telnet"`` makes it speak telnet instead, with the same dialogue.
    """

    name: ClassVar[str] = "ssh"

    def __init__(self, target: ConnectionTarget) -> None:
        self.target = target
        self.options = driverkit.driver_options(target, self.name)
        self._conn: asyncssh.SSHClientConnection | None = None
        self._shell: Dialogue | None = None
        self._telnet: TelnetLink | None = None
        self._task: asyncio.Task[Any] | None = None
        self._aborted = False

    async def fetch(self) -> FetchOutput:
        """Log in, reach privileged mode, run setup and backup commands, return their output."""
        client = _Client(self.target)
        self._task = asyncio.current_task()
        try:
            if self.target.device.transport == Transport.TELNET:
                outputs, sections = await self._telnet_session()
                return FetchOutput(outputs=outputs, host_key=None, sections=sections)
            try:
                conn = await self._connect(client)
            except (asyncssh.HostKeyNotVerifiable, asyncssh.KeyExchangeFailed) as exc:
                if client.refusal is not None:
                    raise client.refusal from None
                known = driverkit.key_identity(self.target.known_host_key)
                if known and "host key" in str(exc).lower() and \
                        HostKeyMode(self.target.host_key_mode) is not HostKeyMode.OFF:
                    # Only the remembered key type was offered and the server has none of it.
                    raise FetchError(ErrorCategory.HOST_KEY, f"{self.target.device.hostname} no longer "
                                     f"offers the remembered {known.split()[0]} host key") from None
                raise self._fail(exc) from None
            except TimeoutError:
                if self._aborted:
                    raise
                raise FetchError(ErrorCategory.TIMEOUT, f"no SSH login within {self.target.timeout:g}s "
                                 f"({self.target.device.host}:{self.target.device.port})") from None
            self._conn = conn
            if client.seen_key is None:  # host key checks were off: read it from the transport
                key = conn.get_server_host_key()
                client.seen_key = openssh_public_key(key) if key is not None else None
            outputs, sections = await self._session(conn)
            self._conn = None
            conn.close()  # a polite SSH disconnect; failures below just drop the connection
            return FetchOutput(outputs=outputs, host_key=client.seen_key, sections=sections)
        except FetchError as exc:
            raise driverkit.scrubbed(exc, self.target) from None
        except (Exception, asyncio.CancelledError) as exc:
            if isinstance(exc, asyncio.CancelledError) and not self._aborted:
                raise
            raise self._fail(exc) from None
        finally:
            self._close()

    async def abort(self) -> None:
        """Close the connection; a pending ``fetch`` ends with ``FetchError(TIMEOUT)``."""
        self._aborted = True
        if self._shell is not None:
            self._shell.fail(FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached"))
        task = self._task
        if task is not None and not task.done() and task is not asyncio.current_task():
            task.cancel()  # still connecting: nothing else would interrupt the handshake
        self._close()

    # ------------------------------------------------------------------ internals

    def _fail(self, exc: BaseException) -> FetchError:
        if self._aborted:
            return FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached")
        category, message = classify(exc, secrets=self.target.credential.secret_values())
        return FetchError(category, message)

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.abort()
        link, self._telnet = self._telnet, None
        if link is not None:
            link.close()

    async def _connect(self, client: _Client) -> asyncssh.SSHClientConnection:
        target, cred = self.target, self.target.credential
        client_keys: list[Any] | None = None
        if cred.private_key:
            try:
                client_keys = [asyncssh.import_private_key(cred.private_key, cred.private_key_passphrase)]
            except (asyncssh.KeyImportError, ValueError, TypeError) as exc:
                raise FetchError(ErrorCategory.AUTH, f"cannot load the private key of credential "
                                 f"{cred.name!r}: {type(exc).__name__}") from None
        mode = HostKeyMode(target.host_key_mode)
        known_hosts: Any = None if mode is HostKeyMode.OFF else self._known_hosts
        return await asyncssh.connect(
            target.device.host,
            target.device.port,
            username=cred.username + str(self.options.get("username_suffix", "")),
            password=cred.password,
            client_keys=client_keys,
            known_hosts=known_hosts,
            client_factory=lambda: client,
            connect_timeout=target.timeout,
            login_timeout=target.timeout,
            config=None,  # never let ~/.ssh/config change what the inventory says
            agent_path=None,
            agent_forwarding=False,
            x509_trusted_certs=None,
            kex_algs=_KEX,
            server_host_key_algs=self._host_key_algs() if known_hosts else (),
            encryption_algs=_CIPHERS,
            compression_algs=None,
            keepalive_interval=0,
            preferred_auth=("publickey", "keyboard-interactive", "password") if client_keys
            else ("keyboard-interactive", "password"),
        )

    def _host_key_algs(self) -> list[str] | tuple[()]:
        """The remembered key's algorithms first, then every other default one.

        With a trusted key asyncssh offers only that key's algorithms.  A server without a key of
        that type then fails the negotiation and drops the connection, which the client sees as
        a key-exchange failure or, racing it, as a plain lost connection (DISCONNECTED).
        Offering the rest as well lets the server present the key it has, which
        ``validate_host_public_key`` refuses as a changed key (HOST_KEY) every time.
        """
        try:
            key = asyncssh.import_public_key(self.target.known_host_key or "")
        except (asyncssh.KeyImportError, ValueError):
            return ()  # nothing (readable) remembered: asyncssh's defaults
        first = list(key.sig_algorithms)
        algs = first + [alg for alg in get_default_public_key_algs() if alg not in first]
        return [alg.decode("ascii") for alg in algs]

    def _known_hosts(self, host: str, addr: str, port: int) -> tuple[list[Any], list[Any], list[Any]]:
        """Trust exactly the remembered key (so the server is asked for that key type first)."""
        known = self.target.known_host_key
        if known:
            try:
                return [asyncssh.import_public_key(known)], [], []
            except (asyncssh.KeyImportError, ValueError):
                pass  # an unreadable remembered key can only mismatch; validate_... decides
        return [], [], []

    def _dialogue(self) -> Dialogue:
        self._shell = Dialogue(self.target.platform, self.target.timeout,
                               int(self.options.get("max_output", DEFAULT_MAX_OUTPUT)))
        return self._shell

    async def _login(self, shell: Dialogue, *, inband: bool) -> _Result:
        """From the first byte of the shell to the outputs and sections: the same on every transport."""
        target, cred = self.target, self.target.credential
        if self.options.get("send_newline"):
            shell.send("\n")
        username = cred.username + str(self.options.get("username_suffix", ""))
        await shell.login(username, cred.password, inband=inband,
                          window=login_window(target.timeout, self.options.get("login_window")))
        return await backup_dialogue(shell, target, self._enable_secret())

    async def _session(self, conn: asyncssh.SSHClientConnection) -> _Result:
        width = int(self.options.get("width", 511))
        shell = self._dialogue()
        chan, _session = await conn.create_session(
            lambda: SSHShell(shell),
            term_type=str(self.options.get("term_type", "vt100")),
            term_size=(width, 0),
            encoding="utf-8",
            errors="replace",
        )
        result = await self._login(shell, inband=self.target.platform.inband_login)
        chan.close()
        return result

    async def _telnet_session(self) -> _Result:
        shell = self._dialogue()
        self._telnet = link = TelnetLink(shell)
        await link.open(self.target, term_type=str(self.options.get("term_type", "vt100")),
                        width=int(self.options.get("width", 511)))
        return await self._login(shell, inband=True)

    def _enable_secret(self) -> str | None:
        cred = self.target.credential
        return cred.enable_secret if cred.enable_secret is not None else cred.password

