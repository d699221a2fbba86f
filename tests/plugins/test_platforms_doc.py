"""``docs/platforms.md`` shows the live catalogue: its generated part is what
``scripts/gen_platforms_doc.py`` renders from the built-in platforms today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from netraven_plugins.platforms import builtin_platforms

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "gen_platforms_doc.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_platforms_doc", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def test_platforms_page_matches_the_catalogue() -> None:
    current = GEN.PAGE.read_text()
    assert GEN.BEGIN in current and GEN.END in current, "the page keeps its generation markers"
    assert GEN.render_page(current, builtin_platforms()) == current, (
        f"docs/platforms.md is out of date with the platform catalogue: run `{GEN.COMMAND}`")


def test_every_platform_and_driver_option_is_listed() -> None:
    page = GEN.PAGE.read_text()
    generated = page.split(GEN.BEGIN, 1)[1]
    for platform in builtin_platforms():
        assert f"| `{platform.name}` | {platform.vendor} |" in generated
        device_type = platform.drivers.get("netmiko", {}).get("device_type")
        if device_type:
            assert f"device_type=`{device_type}`" in generated


def test_hand_written_part_is_kept_and_regeneration_is_stable() -> None:
    page = GEN.PAGE.read_text()
    head = page.split(GEN.BEGIN, 1)[0]
    assert "## Adding a platform from a plugin" in head
    assert GEN.render_page(GEN.render_page(page, []), builtin_platforms()) == page
    assert GEN.render_page("# Title\n", []).startswith("# Title\n\n" + GEN.BEGIN)


def test_every_row_says_transports_and_notes() -> None:
    generated = GEN.PAGE.read_text().split(GEN.BEGIN, 1)[1].split("### Sections", 1)[0]
    rows = {line.split(" | ", 1)[0].strip("| `"): line for line in generated.splitlines()
            if line.startswith("| `")}
    for platform in builtin_platforms():
        row = rows[platform.name]
        assert f"| {', '.join(platform.transports)} |" in row
        assert ("in-band login" in row) == platform.inband_login
        assert ("clear text" in row) == ("telnet" in platform.transports)
        assert ("multi-context" in row) == (platform.contexts is not None)
