"""The ``scrapli`` driver: a blocking driver on scrapli's classic API (scrapli 2025.1.30, pinned).

Only platforms whose catalogue entry maps ``"scrapli": {"platform": ...}`` are served (scrapli's
core platforms: cisco_iosxe, cisco_nxos, cisco_iosxr, arista_eos, juniper_junos).

Transport: scrapli's ``paramiko`` transport.  It runs in-process (``system`` forks an OpenSSH
client per device, which costs far more CPU and needs a known_hosts file on disk) and it checks
the host key between key exchange and authentication; this driver replaces that check with
NetRaven's host-key policy, so no known_hosts file is involved.  ``auth_strict_key`` is on for
``tofu`` and ``strict`` and off for ``off``.  scrapli is imported inside :meth:`fetch`.
"""

from __future__ import annotations

import socket
import threading
from typing import Any, ClassVar

from netraven_core import driverkit
from netraven_core.engine.classify import classify, find_in_chain
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.hookspecs import hookimpl
from netraven_core.models import ConnectionTarget, FetchOutput, HostKeyMode

from . import _paramiko_keys
from .netmiko_driver import connect_socket


class ScrapliDriver:
    """Backs up one device with scrapli.  See :class:`netraven_core.protocols.Driver`.

    Driver options (``Platform.drivers["scrapli"]`` overlaid with ``ConnectionTarget.driver_options``):
    ``platform`` (required, scrapli's core platform name), ``connect_args`` (extra keyword
    arguments for ``scrapli.Scrapli``).
    """

    name: ClassVar[str] = "scrapli"
    asynchronous: ClassVar[bool] = False

    def __init__(self, target: ConnectionTarget) -> None:
        self.target = target
        self.options = driverkit.driver_options(target, self.name)
        self._lock = threading.Lock()
        self._aborted = False
        self._conn: Any = None
        self._seen_key: str | None = None
        self._local_close = False
        self._login_timed_out = False

    def fetch(self) -> FetchOutput:
        """Connect, verify the host key, acquire privilege, run the backup commands, close."""
        driverkit.require_platform_support(self.target, self.name)
        if not self.options.get("platform"):
            raise FetchError(ErrorCategory.UNEXPECTED, f"platform {self.target.platform.name!r} has "
                             "no scrapli platform")
        try:
            conn = self._open()
            outputs = self._run(conn)
            sections = self._sections(conn, outputs)
            return FetchOutput(outputs=outputs, host_key=self._seen_key, sections=sections)
        except FetchError as exc:
            raise driverkit.scrubbed(exc, self.target) from None
        except _paramiko_keys.HostKeyRefused as exc:
            raise exc.error from None
        except Exception as exc:
            refused = find_in_chain(exc, _paramiko_keys.HostKeyRefused)
            if refused is not None:
                raise refused.error from None
            raise self._fail(exc) from None
        finally:
            self._close()

    def abort(self) -> None:
        """Close the transport from another thread; ``fetch`` then fails promptly."""
        self._aborted = True
        self._close()

    # ------------------------------------------------------------------ internals

    def _open(self) -> Any:
        from scrapli import Scrapli
        from scrapli.transport.base.base_socket import Socket

        target, cred = self.target, self.target.credential
        mode = HostKeyMode(target.host_key_mode)
        params: dict[str, Any] = dict(
            host=target.device.host,
            port=target.device.port,
            platform=str(self.options["platform"]),
            transport="paramiko",
            auth_username=cred.username,
            auth_password=cred.password or "",
            auth_secondary=cred.enable_secret if cred.enable_secret is not None else (cred.password or ""),
            auth_strict_key=mode is not HostKeyMode.OFF,
            ssh_config_file=False,
            ssh_known_hosts_file=False,
            timeout_socket=target.timeout,
            timeout_transport=target.timeout,
            timeout_ops=target.timeout,
        )
        params.update(self.options.get("connect_args") or {})
        conn = Scrapli(**params)
        transport = conn.transport
        # Our own connected socket (TCP_NODELAY), host-key check and key authentication.
        sock = Socket(host=target.device.host, port=target.device.port, timeout=target.timeout)
        sock.sock = connect_socket(target.device.host, target.device.port, target.timeout)
        transport.socket = sock
        transport._verify_key = lambda: self._verify_key(transport)
        transport.read = lambda: self._read(transport)
        scrapli_close = transport.close

        def close() -> None:  # scrapli's own timeout handler closes the transport
            self._local_close = True
            scrapli_close()

        transport.close = close
        if cred.private_key:
            key = _paramiko_keys.load_private_key(cred)
            transport.plugin_transport_args.auth_private_key = "<credential key>"
            transport._authenticate_public_key = lambda: transport.session.auth_publickey(
                username=cred.username, key=key)
        with self._lock:
            self._conn = conn
            if self._aborted:
                raise FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached")
        # paramiko waits 15 s for the SSH banner whatever we ask: bound the login ourselves.
        watchdog = threading.Timer(target.timeout, self._login_expired, args=(transport,))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.open()
        finally:
            watchdog.cancel()
        if self._login_timed_out:
            raise FetchError(ErrorCategory.TIMEOUT, f"no SSH login within {target.timeout:g}s")
        if self._seen_key is None:  # OFF mode: scrapli never asked us
            self._seen_key = _paramiko_keys.openssh_line(transport.session.get_remote_server_key())
        return conn

    def _login_expired(self, transport: Any) -> None:
        session = transport.session
        if session is None or not session.is_authenticated():
            self._login_timed_out = True
            sock = transport.socket.sock if transport.socket is not None else None
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _read(self, transport: Any) -> bytes:
        """scrapli's transport read, telling a hang-up from a timeout (scrapli calls both EOF)."""
        chan = transport.session_channel
        buf = b""
        if chan is not None:
            try:
                buf = chan.recv(65535)
            except TimeoutError:  # scrapli sets timeout_transport on the channel
                raise FetchError(ErrorCategory.TIMEOUT, f"no data within {self.target.timeout:g}s") from None
            except Exception:  # a socket closed under us reads as end of stream
                buf = b""
        if buf:
            return buf
        if self._login_timed_out:
            raise FetchError(ErrorCategory.TIMEOUT, f"no SSH login within {self.target.timeout:g}s")
        if self._local_close or self._aborted:
            raise FetchError(ErrorCategory.TIMEOUT, f"no complete answer within {self.target.timeout:g}s")
        raise FetchError(ErrorCategory.DISCONNECTED, "the device closed the session")

    def _verify_key(self, transport: Any) -> None:
        key = transport.session.get_remote_server_key()
        self._seen_key = _paramiko_keys.openssh_line(key)
        try:
            driverkit.host_key_decision(self.target, self._seen_key)
        except FetchError as exc:
            raise _paramiko_keys.HostKeyRefused(exc) from None

    def _run(self, conn: Any) -> tuple[tuple[str, str], ...]:
        platform, timeout = self.target.platform, self.target.timeout
        errors = driverkit.compile_error_patterns(platform)
        outputs = []
        for command in platform.backup_commands:
            response = conn.send_command(command, timeout_ops=timeout)
            text = driverkit.command_text(platform, command, response.result, errors)
            if response.failed:
                first = text.strip().split("\n", 1)[0][:200]
                raise FetchError(ErrorCategory.COMMAND, f"device rejected {command!r}: {first}")
            outputs.append((command, text))
        driverkit.check_complete(platform, "\n".join(out for _c, out in outputs))
        return tuple(outputs)

    def _sections(self, conn: Any, outputs: driverkit.Outputs) -> tuple[tuple[str, str], ...]:
        def send(command: str) -> tuple[str, bool]:
            response = conn.send_command(command, timeout_ops=self.target.timeout)
            return driverkit.clean_terminal_text(response.result), bool(response.failed)

        return driverkit.collect_sections(self.target.platform, send, outputs)

    def _fail(self, exc: BaseException) -> FetchError:
        if self._aborted:
            return FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached")
        if self._login_timed_out:
            return FetchError(ErrorCategory.TIMEOUT, f"no SSH login within {self.target.timeout:g}s")
        category, message = classify(exc, secrets=self.target.credential.secret_values())
        return FetchError(category, message)

    def _close(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is None:
            return
        transport = conn.transport
        session = getattr(transport, "session", None)
        try:
            if session is not None:
                session.close()
            sock = getattr(transport, "socket", None)
            if sock is not None and sock.sock is not None:
                sock.sock.close()
        except Exception:  # noqa: S110 - closing a broken session is best effort
            pass


@hookimpl
def netraven_drivers() -> list[type]:
    return [ScrapliDriver]
