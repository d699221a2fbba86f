"""Shared data for the redaction and normalisation tests: the fixture configurations and, per
platform, secret-bearing syntax templates (``{s}`` is the secret) used by property tests.

Per platform, ``tests/fixtures/configs/`` holds ``<platform>.cfg`` (a realistic configuration),
``<platform>.secrets`` (every secret value in it, one per line) and ``<platform>.syntax`` (one
secret-bearing line per line, ``{s}`` for the secret and ``\n`` for a line break).  A platform
is covered by adding the three files.
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures" / "configs"

PLATFORMS: tuple[str, ...] = tuple(sorted(path.stem for path in FIXTURES.glob("*.cfg")))


def fixture_text(platform: str) -> str:
    return (FIXTURES / f"{platform}.cfg").read_text()


def fixture_secrets(platform: str) -> list[str]:
    lines = (FIXTURES / f"{platform}.secrets").read_text().splitlines()
    return [line for line in lines if line.strip()]




def syntax_templates(platform: str) -> list[str]:
    """The platform's secret-bearing syntaxes, ``{s}`` standing for the secret."""
    path = FIXTURES / f"{platform}.syntax"
    lines = path.read_text().splitlines() if path.exists() else []
    return [line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")]


TEMPLATES: dict[str, list[str]] = {platform: syntax_templates(platform) for platform in PLATFORMS}
