"""The commands that move a simulated session between configurations on one device: a
multi-context Cisco ASA (``contexts`` variant) and a FortiGate with VDOMs (``vdoms`` variant)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .variants import CONTEXTS
from .vdoms import GLOBAL_ONLY_REPLY, VDOMS

if TYPE_CHECKING:  # pragma: no cover
    from .session import CliSession


def asa_context_command(session: CliSession, cmd: str) -> bool:
    """A multi-context ASA's context commands; True when ``cmd`` was one."""
    if cmd == "show mode":
        session.write("Security context mode: multiple\n\n")
    elif cmd == "show context" and session.context is None:
        session.write("Context Name      Class      Interfaces           Mode         URL\n")
        for i, name in enumerate(CONTEXTS):
            mark = "*" if i == 0 else " "
            session.write(f"{mark}{name:<16} default    GigabitEthernet0/{i}.10 Routed       "
                          f"disk0:/{name}.cfg\n")
        session.write(f"\nTotal active Security Contexts: {len(CONTEXTS)}\n")
    elif cmd.startswith("changeto context ") and cmd.split()[-1] in CONTEXTS:
        session.context = cmd.split()[-1]
    elif cmd == "changeto system":
        session.context = None
    elif cmd.startswith("changeto "):
        session.write(f"ERROR: Context '{cmd.split()[-1]}' does not exist\n")
    else:
        return False
    return True


def vdom_command(session: CliSession, cmd: str) -> bool:
    """A multi-VDOM FortiGate's context commands; True when ``cmd`` was one."""
    if cmd == "config global" and session.scope is None:
        session.scope = "global"
    elif cmd == "config vdom" and session.scope is None:
        session.scope = "vdom"
    elif cmd.startswith("edit ") and session.scope == "vdom" and cmd.split()[-1] in VDOMS:
        session.scope = cmd.split()[-1]
    elif cmd == "next" and session.scope in VDOMS:
        session.scope = "vdom"
    elif cmd == "end" and session.scope is not None:
        session.scope = None
    elif cmd.startswith("get hardware ") and session.scope != "global":
        session.write(GLOBAL_ONLY_REPLY.format(word="hardware"))
    else:
        return False
    return True
