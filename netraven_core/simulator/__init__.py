"""Simulated network devices over real SSH, for tests, benchmarks and plugin authors.

>>> with SimulatorThread(count=3, base_port=0) as sim:
...     dev = sim.devices[0]        # SimDevice(index=0, hostname="sim-0000", port=..., ...)

See ``docs/simulator.md``.
"""

from .configgen import DEFAULT_CONFIG_SIZE, GeneratedConfig, generate
from .faults import FAULTS
from .hostkey import DEFAULT_HOST_KEY_PATH, load_or_create_host_key
from .profiles import Profile, known_profiles, profile_for
from .runner import SimulatorThread
from .server import SimDevice, Simulator, hostname_for

__all__ = [
    "DEFAULT_CONFIG_SIZE",
    "DEFAULT_HOST_KEY_PATH",
    "FAULTS",
    "GeneratedConfig",
    "Profile",
    "SimDevice",
    "Simulator",
    "SimulatorThread",
    "generate",
    "hostname_for",
    "known_profiles",
    "load_or_create_host_key",
    "profile_for",
]
