"""Simulated network devices over real SSH, for tests, benchmarks and plugin authors.

>>> with SimulatorThread(count=3, base_port=0) as sim:
...     dev = sim.devices[0]        # SimDevice(index=0, hostname="sim-0000", port=..., ...)

See ``docs/simulator.md``.

Names are imported on first use: the profile plugins import ``simulator.profiles`` during every
``netraven backup``, which must not pull in the SSH server and its event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

# public name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("DEFAULT_CONFIG_SIZE", "GeneratedConfig", "generate"), ".configgen"),
    **dict.fromkeys(("Drift", "drift_text"), ".drift"),
    "FAULTS": ".faults",
    **dict.fromkeys(("DEFAULT_HOST_KEY_PATH", "load_or_create_host_key"), ".hostkey"),
    **dict.fromkeys(("Profile", "known_profiles", "profile_for"), ".profiles"),
    "SimulatorThread": ".runner",
    **dict.fromkeys(("SimDevice", "Simulator", "hostname_for"), ".server"),
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

if TYPE_CHECKING:
    from .configgen import DEFAULT_CONFIG_SIZE, GeneratedConfig, generate  # noqa: F401
    from .drift import Drift, drift_text  # noqa: F401
    from .faults import FAULTS  # noqa: F401
    from .hostkey import DEFAULT_HOST_KEY_PATH, load_or_create_host_key  # noqa: F401
    from .profiles import Profile, known_profiles, profile_for  # noqa: F401
    from .runner import SimulatorThread  # noqa: F401
    from .server import SimDevice, Simulator, hostname_for  # noqa: F401
