"""Unit tests of the helpers the built-in drivers share (no SSH)."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

from netraven_core import driverkit
from netraven_core.errors import ErrorCategory as C
from netraven_core.errors import FetchError
from netraven_core.models import ConnectionTarget, Credential, Device, HostKeyMode
from netraven_plugins.drivers.netmiko_driver import connect_socket
from netraven_plugins.platforms import builtin_platforms

IOS = next(p for p in builtin_platforms() if p.name == "cisco_ios")
KEY_A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
KEY_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
CRED = Credential("c", "admin", password="pw-secret-1", enable_secret="en-secret-2")


def target(**kwargs) -> ConnectionTarget:
    return ConnectionTarget(Device("r1", "127.0.0.1", "cisco_ios"), IOS, CRED, **kwargs)


@pytest.mark.parametrize(("mode", "known", "seen", "ok"), [
    (HostKeyMode.TOFU, None, KEY_A, True),
    (HostKeyMode.TOFU, KEY_A, KEY_A, True),
    (HostKeyMode.TOFU, KEY_A + " a comment", KEY_A, True),
    (HostKeyMode.TOFU, KEY_A, KEY_B, False),
    (HostKeyMode.STRICT, None, KEY_A, False),
    (HostKeyMode.STRICT, KEY_A, KEY_A, True),
    (HostKeyMode.STRICT, KEY_A, KEY_B, False),
    (HostKeyMode.OFF, KEY_A, KEY_B, True),
    (HostKeyMode.OFF, None, KEY_B, True),
])
def test_host_key_decision(mode, known, seen, ok):
    t = target(host_key_mode=mode, known_host_key=known)
    if ok:
        driverkit.host_key_decision(t, seen)
    else:
        with pytest.raises(FetchError) as info:
            driverkit.host_key_decision(t, seen)
        assert info.value.category is C.HOST_KEY


def test_clean_terminal_text_handles_crlf_overwrites_backspaces_and_ansi():
    raw = ("line one\r\n\x1b[1mbold\x1b[0m\r\n --More-- \x08\x08\x08\x08\x08\x08\x08\x08\x08\x08"
           "          \x08\x08\x08\x08\x08\x08\x08\x08\x08\x08line two\r\n"
           "progress 10%\rprogress 100%\r\n")
    assert driverkit.clean_terminal_text(raw) == "line one\nbold\nline two\nprogress 100%\n"


def test_strip_echo_only_removes_the_echoed_command():
    assert driverkit.strip_echo("show run\nhostname r1\n", "show run") == "hostname r1\n"
    assert driverkit.strip_echo("hostname r1\n", "show run") == "hostname r1\n"


def test_command_errors_are_found_only_near_the_top():
    driverkit.check_command_error(IOS, "show run", "hostname r1\n" * 10 + "% Invalid input here\n")
    with pytest.raises(FetchError) as info:
        driverkit.check_command_error(IOS, "show run", "        ^\n% Invalid input detected at '^' marker.\n")
    assert info.value.category is C.COMMAND
    assert "Invalid input" in info.value.message


def test_completeness():
    driverkit.check_complete(IOS, "hostname r1\n!\nend\n")
    with pytest.raises(FetchError) as info:
        driverkit.check_complete(IOS, "hostname r1\n!\n")
    assert info.value.category is C.TRUNCATED
    driverkit.check_complete(replace(IOS, completeness_pattern=None), "anything")


def test_tidy_output():
    assert driverkit.tidy_output("\n\nhostname r1\n\n\n") == "hostname r1\n"
    assert driverkit.tidy_output("  \n") == ""


def test_driver_options_overlay_platform_options():
    platform = replace(IOS, drivers={"ssh": {"width": 200, "term_type": "xterm"}})
    t = ConnectionTarget(Device("r1", "h", "cisco_ios"), platform, CRED, driver_options={"width": 80})
    assert driverkit.driver_options(t, "ssh") == {"width": 80, "term_type": "xterm"}


def test_scrubbed_removes_credential_values():
    error = FetchError(C.PROMPT, "last line 'Password: pw-secret-1' and en-secret-2")
    clean = driverkit.scrubbed(error, target())
    assert clean.category is C.PROMPT
    assert "pw-secret-1" not in clean.message and "en-secret-2" not in clean.message
    untouched = FetchError(C.TIMEOUT, "no data")
    assert driverkit.scrubbed(untouched, target()) is untouched


def test_netmiko_socket_has_nagle_off():
    server = socket.create_server(("127.0.0.1", 0))
    try:
        sock = connect_socket("127.0.0.1", server.getsockname()[1], 2.0)
        try:
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        finally:
            sock.close()
    finally:
        server.close()


JUNOS = next(p for p in builtin_platforms() if p.name == "juniper_junos")


@pytest.mark.parametrize("role", ["{primary:node0}", "{secondary:node1}", "{master:0}",
                                  "{backup:1}", "{secondary-hold:node1}", "[edit]"])
def test_status_lines_next_to_the_prompt_are_dropped(role):
    text = f"{role}\nsystem {{\n    host-name fw1;\n}}\n\n{role}\n"
    assert driverkit.drop_status_lines(JUNOS, text) == "system {\n    host-name fw1;\n}\n"


def test_status_like_lines_inside_the_output_are_kept():
    text = "system {\n{primary:node0}\n}\n"
    assert driverkit.drop_status_lines(JUNOS, text) == text
    assert driverkit.drop_status_lines(IOS, "{primary:node0}\nend\n") == "{primary:node0}\nend\n"


@pytest.mark.parametrize(("raw", "clean"), [
    ("hostname r1\n --More-- \nend\n", "hostname r1\nend\n"),
    # a page ending mid-line: the text before the pager prompt is kept
    ("interface Gi1\n description up --More-- \nend\n", "interface Gi1\n description up\nend\n"),
    # erased by backspaces, as IOS does
    ("hostname r1\n --More-- " + "\b" * 10 + " " * 10 + "\b" * 10 + "end\n", "hostname r1\nend\n"),
])
def test_pager_prompts_are_removed(raw, clean):
    assert driverkit.command_text(IOS, "show run", raw) == clean


def test_double_carriage_returns_and_ansi_are_cleaned():
    raw = "\x1b[1mhostname r1\x1b[0m\r\r\n!\r\r\nend\r\r\n"
    assert driverkit.command_text(IOS, "show run", raw) == "hostname r1\n!\nend\n"


def test_prompt_not_recognised_quotes_the_last_line():
    error = driverkit.prompt_not_recognised("\x1b[0madmin> ", 12)
    assert error.category is C.PROMPT
    assert "'admin>'" in error.message and "12s" in error.message
