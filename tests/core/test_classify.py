"""classify(): every library's exception types map to the right ErrorCategory, without secrets."""

from __future__ import annotations

import asyncio
import errno
import io
import socket

import asyncssh
import paramiko
import pytest
from netmiko.exceptions import (
    ConfigInvalidException,
    NetmikoAuthenticationException,
    NetmikoTimeoutException,
    ReadTimeout,
)
from scrapli.exceptions import (
    ScrapliAuthenticationFailed,
    ScrapliCommandFailure,
    ScrapliConnectionError,
    ScrapliConnectionNotOpened,
    ScrapliPrivilegeError,
    ScrapliTimeout,
)

from netraven_core.engine.classify import classify, describe
from netraven_core.errors import ErrorCategory as C
from netraven_core.errors import FetchError


def _raised_from(outer: BaseException, inner: BaseException) -> BaseException:
    """``outer`` raised while handling ``inner`` (sets __context__ like real code does)."""
    try:
        try:
            raise inner
        except BaseException:
            raise outer  # noqa: B904 - we want the implicit context
    except BaseException as exc:
        return exc


def _paramiko_key() -> paramiko.PKey:
    key = asyncssh.generate_private_key("ssh-ed25519")
    return paramiko.Ed25519Key.from_private_key(io.StringIO(key.export_private_key().decode()))


CASES = [
    # asyncssh
    (asyncssh.PermissionDenied("Permission denied for user admin"), C.AUTH),
    (asyncssh.HostKeyNotVerifiable("Host key is not trusted"), C.HOST_KEY),
    (asyncssh.ConnectionLost("Connection lost"), C.DISCONNECTED),
    (asyncssh.ProtocolError("Invalid packet"), C.DISCONNECTED),
    (asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, "no session"), C.DISCONNECTED),
    (asyncssh.KeyImportError("Passphrase must be specified to import encrypted private keys"), C.AUTH),
    (asyncssh.KeyExchangeFailed("No matching key exchange algorithm found"), C.UNEXPECTED),
    # paramiko
    (paramiko.AuthenticationException("Authentication failed."), C.AUTH),
    (paramiko.BadAuthenticationType("Bad authentication type", ["publickey"]), C.AUTH),
    (paramiko.SSHException("Error reading SSH protocol banner"), C.TIMEOUT),
    (paramiko.SSHException("No existing session"), C.UNEXPECTED),
    (paramiko.ssh_exception.NoValidConnectionsError(
        {("127.0.0.1", 22): ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")}), C.REFUSED),
    (paramiko.ssh_exception.NoValidConnectionsError(
        {("10.0.0.1", 22): OSError(errno.EHOSTUNREACH, "No route to host")}), C.UNREACHABLE),
    # netmiko
    (NetmikoAuthenticationException("Authentication to device failed.\n\nCommon causes..."), C.AUTH),
    (NetmikoTimeoutException("Connection to device timed-out: cisco_ios 10.0.0.1:22"), C.TIMEOUT),
    (_raised_from(NetmikoTimeoutException("TCP connection to device failed.\n\nCommon causes of this"),
                  ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")), C.REFUSED),
    (_raised_from(NetmikoTimeoutException("\nA paramiko SSHException occurred during connection creation:"
                                          "\n\nHost key for server '[127.0.0.1]:2200' does not match"),
                  paramiko.SSHException("x")), C.HOST_KEY),
    (ReadTimeout("Pattern not detected: 'sw1\\#' in output."), C.TIMEOUT),
    (ValueError("Failed to enter enable mode. Please ensure you pass the 'secret' argument"), C.ENABLE),
    (ValueError("Unable to find prompt: "), C.PROMPT),
    (ConfigInvalidException("bad config"), C.COMMAND),
    # scrapli
    (ScrapliAuthenticationFailed("password prompt seen more than once, assuming auth failed"), C.AUTH),
    (ScrapliAuthenticationFailed("failed escalating privilege from 'exec' to 'privilege_exec'. do you "
                                 "need to set an 'auth_secondary' password?"), C.ENABLE),
    (ScrapliAuthenticationFailed("10.0.0.1 in known_hosts but public key does not match!"), C.HOST_KEY),
    (ScrapliAuthenticationFailed("10.0.0.1 not in known_hosts!"), C.HOST_KEY),
    (ScrapliTimeout("timed out sending input to device"), C.TIMEOUT),
    (ScrapliConnectionError("encountered EOF reading from transport; typically means the device closed "
                            "the connection"), C.DISCONNECTED),
    (_raised_from(ScrapliConnectionNotOpened(), paramiko.SSHException("Error reading SSH protocol banner")),
     C.TIMEOUT),
    (_raised_from(ScrapliConnectionNotOpened(), ConnectionRefusedError(errno.ECONNREFUSED, "refused")),
     C.REFUSED),
    (ScrapliPrivilegeError("Failed to acquire requested privilege level privilege_exec"), C.ENABLE),
    (ScrapliCommandFailure("command failed"), C.COMMAND),
    # sockets and asyncio
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), C.REFUSED),
    (OSError(errno.ECONNREFUSED, "Connect call failed"), C.REFUSED),
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), C.UNREACHABLE),
    (OSError(errno.EHOSTUNREACH, "No route to host"), C.UNREACHABLE),
    (OSError(errno.ENETUNREACH, "Network is unreachable"), C.UNREACHABLE),
    (TimeoutError(), C.TIMEOUT),
    (TimeoutError("timed out"), C.TIMEOUT),
    (TimeoutError(), C.TIMEOUT),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), C.DISCONNECTED),
    (BrokenPipeError(errno.EPIPE, "Broken pipe"), C.DISCONNECTED),
    (EOFError(), C.DISCONNECTED),
    (asyncio.IncompleteReadError(b"partial", 100), C.DISCONNECTED),
    # ours and the unknown
    (FetchError(C.ENABLE, "the enable secret was refused"), C.ENABLE),
    (FetchError(C.TRUNCATED, "no end marker"), C.TRUNCATED),
    (RuntimeError("something broke"), C.UNEXPECTED),
    (KeyError("x"), C.UNEXPECTED),
]


@pytest.mark.parametrize(("exc", "expected"), CASES, ids=lambda v: type(v).__name__ if
                         isinstance(v, BaseException) else str(v))
def test_category(exc: BaseException, expected: C) -> None:
    category, message = classify(exc)
    assert category is expected, (describe(exc), category)
    assert message and "\n" not in message


def test_paramiko_bad_host_key() -> None:
    exc = paramiko.BadHostKeyException("[127.0.0.1]:2200", _paramiko_key(), _paramiko_key())
    assert classify(exc)[0] is C.HOST_KEY


def test_fetch_error_message_kept() -> None:
    assert classify(FetchError(C.COMMAND, "device rejected 'show run'")) == (
        C.COMMAND, "device rejected 'show run'")


def test_secrets_are_scrubbed() -> None:
    exc = ValueError("login failed: password hunter2-secret rejected; enable s3cr3t-enable too")
    _category, message = classify(exc, secrets=["hunter2-secret", "s3cr3t-enable", ""])
    assert "hunter2-secret" not in message
    assert "s3cr3t-enable" not in message
    assert "login failed" in message


def test_secrets_scrubbed_from_fetch_error_and_cause() -> None:
    inner = ConnectionRefusedError(errno.ECONNREFUSED, "refused while sending pw=topsecret")
    outer = _raised_from(NetmikoTimeoutException("TCP connection to device failed."), inner)
    category, message = classify(outer, secrets=["topsecret"])
    assert category is C.REFUSED
    assert "topsecret" not in message
    assert classify(FetchError(C.AUTH, "bad topsecret"), secrets=["topsecret"])[1] == "bad <redacted>"


def test_long_messages_are_shortened_to_one_line() -> None:
    exc = NetmikoAuthenticationException("Authentication to device failed.\n\n" + "Common causes. " * 100)
    _category, message = classify(exc)
    assert len(message) <= 300
    assert message.startswith("NetmikoAuthenticationException: Authentication to device failed.")


def test_cause_chain_is_bounded_and_cycle_safe() -> None:
    a, b = RuntimeError("a"), RuntimeError("b")
    a.__context__, b.__context__ = b, a
    assert classify(a)[0] is C.UNEXPECTED
