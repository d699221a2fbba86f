"""Storage faults for tests: a small tmpfs that can be filled or made read-only.

Mounting needs root (``mount -t tmpfs``); tests using these helpers skip with the reason when the
machine does not allow it, unless ``NETRAVEN_REQUIRE_SERVICES=1`` asks for every fault test.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _unavailable(reason: str) -> None:
    if os.environ.get("NETRAVEN_REQUIRE_SERVICES") == "1":
        pytest.fail(f"storage fault tests required but {reason}")
    pytest.skip(reason)


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@contextlib.contextmanager
def small_tmpfs(mount: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``mount`` (created) for the duration of the block."""
    mount.mkdir(parents=True, exist_ok=True)
    try:
        proc = _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(mount))
    except FileNotFoundError:
        _unavailable("no mount command on this machine")
    if proc.returncode != 0:
        _unavailable(f"cannot mount a tmpfs (needs root): {proc.stderr.strip()}")
    try:
        yield mount
    finally:
        _mount("-o", "remount,rw", str(mount))
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def remount(mount: Path, mode: str) -> None:
    """Make the tmpfs at ``mount`` read-only (``"ro"``) or writable again (``"rw"``)."""
    proc = _mount("-o", f"remount,{mode}", str(mount))
    if proc.returncode != 0:
        raise RuntimeError(f"remount {mode} of {mount} failed: {proc.stderr.strip()}")


def fill(mount: Path, name: str = "filler") -> Path:
    """Fill the file system at ``mount`` to the last byte; delete the returned file to free it."""
    path = mount / name
    chunk = b"\0" * 65536
    with open(path, "wb", buffering=0) as fh:
        while True:
            try:
                fh.write(chunk)
            except OSError:
                break
        # top off the remaining few bytes
        for size in (4096, 512, 1):
            while True:
                try:
                    fh.write(b"\0" * size)
                except OSError:
                    break
    return path


def free_bytes(mount: Path) -> int:
    st = os.statvfs(mount)
    return st.f_bavail * st.f_frsize
