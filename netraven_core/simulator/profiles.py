"""Per-platform behaviour of a simulated device, as data.

A :class:`Profile` says what the device prints and expects: prompts, how privileged mode is
reached, the replies to the setup commands netmiko 4.8 and scrapli 2025.1.30 send while preparing
a session, the backup commands and the vendor-style error for anything else.  A driver engineer who
needs a different reply edits (or replaces, via :data:`PROFILES`) the data here; the session logic
in :mod:`.session` is shared by every platform.

Prompt and reply strings are ``str.format`` templates; available fields are ``host`` (the
hostname), ``user`` (the login name without a MikroTik ``+options`` suffix) and, in replies to a
``reply_patterns`` regex, the regex groups as ``{0}``, ``{1}``...  Output uses ``\\n``; the session
turns it into ``\\r\\n`` on the wire.
Built-in platforms' profiles live in :mod:`netraven_plugins.simulation`; a plugin contributes
profiles for its own platforms through the ``netraven_simulator_profiles`` hook, and
:func:`known_profiles` merges them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..plugins import Registry
    from .configgen.volatile import VolatileRule

# (hostname, rng, secret box, approximate size) -> configuration text; see configgen.template.
ConfigGenerator = Callable[[str, Any, Any, int], str]

CISCO_INVALID = "{caret}^\n% Invalid input detected at '^' marker.\n"


@dataclass(frozen=True)
class Profile:
    """How one platform behaves on the CLI."""

    name: str
    priv_prompt: str
    # Prompt before privileged mode; ``None`` means the login lands in privileged mode.
    user_prompt: str | None = None
    config_prompt: str | None = None  # prompt inside configuration mode, if the platform has one
    enable_command: str | None = None
    enable_username_prompt: str | None = None  # ProCurve asks for a user name first
    enable_password_prompt: str = "Password: "  # noqa: S105 - a prompt, not a secret
    enable_failure: str = "% Access denied\n"
    disable_command: str | None = "disable"
    # Text printed after login, before the first prompt (the message of the day).
    motd: str = ""
    # ProCurve waits for a key after its copyright notice.
    press_any_key: bool = False
    # A banner that waits for one particular key, as (text, key): the ERS "Enter Ctrl-Y to
    # begin." screen ignores every key but Ctrl-Y.
    key_gate: tuple[str, str] | None = None
    # (regex matched against the whole command, reply template); first match wins.
    reply_patterns: tuple[tuple[str, str], ...] = ()
    backup_commands: tuple[str, ...] = ("show running-config",)
    backup_requires_privilege: bool = False
    privilege_required_reply: str = CISCO_INVALID
    error_reply: str = CISCO_INVALID
    config_commands: tuple[str, ...] = ("configure terminal", "conf t", "configure")
    config_exit_commands: tuple[str, ...] = ("end",)
    exit_commands: tuple[str, ...] = ("exit", "quit", "logout")
    # Pager prompt of the ``paging`` fault; fields {start}, {end} (line numbers), {pct}.
    more_prompt: str = " --More-- "
    # Replies to any command inside configuration mode (accepted silently by default).
    config_reply: str = ""
    # Asked (single key, ``y`` confirms) before an exit command ends the session (ProCurve).
    logout_confirm: str | None = None
    # Linux: ``exit`` in a root shell returns to the user shell instead of logging out.
    exit_drops_privilege: bool = False
    # The configuration this device serves, generated from (hostname, rng, SecretBox, size);
    # see :mod:`netraven_core.simulator.configgen.template` for generators written as text.
    config: ConfigGenerator | None = field(default=None, compare=False, repr=False)
    # Lines the device rewrites on every fetch: (regex, replacement(match, now, rng)).
    volatile: tuple[VolatileRule, ...] = field(default=(), compare=False, repr=False)

    # -- Real-device quirks the session reproduces (see docs/simulator.md). --
    # Prompts when no host name is configured (Junos "{user}> "); ``None``: the same prompts
    # with ``default_hostname`` as the host.
    unnamed_priv_prompt: str | None = None
    unnamed_user_prompt: str | None = None
    default_hostname: str = "Router"
    # A status line printed on the line above every prompt when the device is in a cluster or
    # stack role (Junos chassis cluster "{primary:node0}"); fields {role}, {node}.
    status_line: str | None = None
    # Paging cannot be turned off: every long output stops at ``more_prompt`` (the pager
    # fault does this for any platform; this makes it the platform's normal behaviour).
    always_paged: bool = False
    page_lines: int = 24
    # The device also serves its CLI over telnet (clear text; login in-band).
    telnet: bool = False
    # After SSH authentication the shell asks for a user name and password again (Cisco SB,
    # older Dell PowerConnect and Netgear).  Documentation only: the simulator asks in-band over
    # telnet, with the ``inband`` variant and on ``ssh_auth_none`` devices, using these prompts.
    inband_login: bool = False
    # The SSH server lets every client in with the "none" method and the shell always asks for
    # the user name and password itself (Dell PowerConnect 35xx-62xx: netmiko's
    # dell_powerconnect authenticates with "none" and answers "User Name:" in the shell).
    ssh_auth_none: bool = False
    login_username_prompt: str = "Username: "
    login_password_prompt: str = "Password: "  # noqa: S105 - a prompt, not a secret

    def with_changes(self, **changes: object) -> Profile:
        """A copy with some fields replaced (for tests and plugin authors)."""
        return replace(self, **changes)  # type: ignore[arg-type]




def known_profiles(registry: Registry | None = None) -> Mapping[str, Profile]:
    """Every simulator profile the plugins contribute, by platform name."""
    if registry is None:
        from ..plugins import default_registry

        registry = default_registry()
    return registry.simulator_profiles


def profile_for(platform: str, registry: Registry | None = None) -> Profile:
    """The simulator profile of ``platform``; ``ValueError`` naming the known ones."""
    profiles = known_profiles(registry)
    try:
        return profiles[platform]
    except KeyError:
        raise ValueError(f"no simulator profile for platform {platform!r}; "
                         f"known: {', '.join(sorted(profiles))}") from None
