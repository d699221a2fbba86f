"""Quirk variants: real-device behaviours a simulated device can be given, chosen per device.

Unlike a fault, a variant is a device working normally in a way a driver must cope with.  The
data of each behaviour comes from the device's :class:`~.profiles.Profile` (its quirk fields);
a device may have several variants.

==========  ================================================================================
unnamed     no host name configured: ``unnamed_priv_prompt``/``unnamed_user_prompt`` (Junos
            ``admin> ``), else the usual prompts with ``default_hostname`` (``Router#``)
dotted      a host name with dots and dashes in the prompt (``sim-0001.dc-1.example``)
cluster     ``status_line`` above every prompt (Junos ``{primary:node0}``); the role flips
            between sessions (``{secondary:node0}`` on the next), as after a fail-over
ansi        colour codes around the prompt and erase-line codes at the end of output lines
crlf2       every line ends ``\\r\\r\\n`` (a terminal layer adding its own carriage return)
paged       paging cannot be turned off: output stops at ``more_prompt`` every ``page_lines``
            lines, as with ``always_paged``
midline     like ``paged``, but each page ends in the middle of a line
inband      the shell asks for ``login_username_prompt``/``login_password_prompt`` after SSH
            authentication (Cisco SB style)
vdoms       a FortiGate with virtual domains (``fortinet``): ``get system status`` says
            multiple, the configuration is printed as ``config global`` plus ``config vdom``
            (``vdoms.py``), ``config global`` gives ``host (global) #`` and hardware commands
            answer only there
counter     the prompt changes from command to command: a ``{n}`` in the profile's prompts
            counts the commands of the session (ExtremeXOS ``sw1.7 # ``); without this
            variant ``{n}`` stays 1
contexts    a multi-context Cisco ASA: ``show mode`` says multiple, ``show context`` lists
            CONTEXTS, ``changeto context X`` gives ``host/X#`` and that context's configuration
==========  ================================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .profiles import Profile

VARIANTS: tuple[str, ...] = ("unnamed", "dotted", "cluster", "ansi", "crlf2", "paged", "midline",
                             "inband", "contexts", "counter", "vdoms")
CONTEXTS: tuple[str, ...] = ("admin", "ctx-dmz", "tenant.b")
DOTTED_SUFFIX = ".dc-1.example"
# The roles a "cluster" device reports, one per session in turn.
CLUSTER_ROLES: tuple[tuple[str, str], ...] = (("primary", "node0"), ("secondary", "node0"))
ANSI_PROMPT = ("\x1b[1;32m", "\x1b[0m")
ANSI_EOL = "\x1b[K"


def check_variants(variants: Mapping[int, str | Iterable[str]], count: int,
                   profile_of: Callable[[int], Profile]) -> dict[int, frozenset[str]]:
    """``{index: variant names}``; ``ValueError`` naming the bad index, name or platform."""
    checked: dict[int, frozenset[str]] = {}
    for index, names in variants.items():
        chosen = frozenset([names] if isinstance(names, str) else names)
        unknown = sorted(chosen - set(VARIANTS))
        if unknown:
            raise ValueError(f"unknown variant(s) {', '.join(unknown)}; known: {', '.join(VARIANTS)}")
        if not 0 <= index < count:
            raise ValueError(f"variant index {index} is outside 0..{count - 1}")
        profile = profile_of(index)
        if "cluster" in chosen and not profile.status_line:
            raise ValueError(f"variant 'cluster' for device {index}: platform {profile.name!r} "
                             "has no status line (Profile.status_line)")
        if "contexts" in chosen and profile.name != "cisco_asa":
            raise ValueError(f"variant 'contexts' for device {index}: only cisco_asa simulates "
                             f"security contexts, not {profile.name!r}")
        if "vdoms" in chosen and profile.name != "fortinet":
            raise ValueError(f"variant 'vdoms' for device {index}: only fortinet simulates "
                             f"virtual domains, not {profile.name!r}")
        checked[index] = checked.get(index, frozenset()) | chosen
    return checked


def check_transports(transports: Mapping[int, str], count: int,
                     profile_of: Callable[[int], Profile]) -> dict[int, str]:
    """``{index: "ssh" | "telnet"}``; telnet only where the device's profile offers it."""
    for index, transport in transports.items():
        if transport not in ("ssh", "telnet") or not 0 <= index < count:
            raise ValueError(f"transport {transport!r} for device index {index}: expected "
                             f"'ssh' or 'telnet' for an index in 0..{count - 1}")
        profile = profile_of(index)
        if transport == "telnet" and not profile.telnet:
            raise ValueError(f"device {index}: platform {profile.name!r} is not served over "
                             "telnet (Profile.telnet)")
    return dict(transports)
