#!/usr/bin/env python3
"""Take the README's screenshots of the web UI: runs the browser end-to-end test (a real server,
simulated devices, headless Chromium) with NETRAVEN_SCREENSHOTS_DIR pointing at docs/images."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    env = dict(os.environ, NETRAVEN_SCREENSHOTS_DIR=str(out.resolve()))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
           "tests/web/test_e2e_browser.py", "tests/web/test_responsive_browser.py"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    if result.returncode == 0:
        print(f"screenshots in {out}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
