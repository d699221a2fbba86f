"""Configuration generators of the platforms whose simulated configuration is a text template
(``templates/<platform>.cfg``, shipped as package data)."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import Generator, from_template_file

TEMPLATES = Path(__file__).parent / "templates"


def template(platform: str) -> Generator:
    """The generator rendering ``templates/<platform>.cfg``."""
    return from_template_file(TEMPLATES / f"{platform}.cfg")
