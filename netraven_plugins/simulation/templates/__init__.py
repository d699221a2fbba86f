"""Configuration templates of simulated devices (``<platform>.cfg``; see
:mod:`netraven_core.simulator.configgen.template` for the placeholders)."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import Generator, from_template_file

_HERE = Path(__file__).parent


def template(platform: str) -> Generator:
    """The generator of ``templates/<platform>.cfg``."""
    return from_template_file(_HERE / f"{platform}.cfg")
