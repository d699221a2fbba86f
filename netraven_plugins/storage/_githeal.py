"""Self-healing of a git configuration store: stale lock files and crash leftovers.

A process killed while git held a lock (``index.lock``, ``HEAD.lock``, a ref's ``.lock``) leaves
the file behind, and every later write fails with "Unable to create '.../index.lock': File
exists" until somebody removes it by hand.  A failed ``git fast-import`` leaves a
``fast_import_crash_<pid>`` report and temporary pack files that nothing ever removes.

:func:`repair` runs while the store holds its own exclusive lock (``.git/netraven.lock``), so no
NetRaven writer can be using these files; a lock younger than ``stale_after`` seconds is still
left alone, because a person (or a detached ``git gc``) may be working in the repository right
now.  Every removal is logged as a warning: an operator should know the store was repaired.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_STALE_AFTER = 60.0

# Lock files git creates at the top of the git directory.
_TOP_LOCKS = ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "packed-refs.lock", "config.lock",
              "shallow.lock")


@dataclass
class Repairs:
    """What one :func:`repair` did (paths are relative to the git directory)."""

    removed_locks: list[str] = field(default_factory=list)
    removed_leftovers: list[str] = field(default_factory=list)
    fresh_locks: list[str] = field(default_factory=list)  # present but too young to be called stale

    def __bool__(self) -> bool:
        return bool(self.removed_locks or self.removed_leftovers)


def _lock_files(git_dir: Path) -> list[Path]:
    found = [git_dir / name for name in _TOP_LOCKS]
    refs = git_dir / "refs"
    if refs.is_dir():
        found += refs.rglob("*.lock")
    return [p for p in found if p.is_file()]


def _leftovers(git_dir: Path) -> list[Path]:
    found = list(git_dir.glob("fast_import_crash_*"))
    pack = git_dir / "objects" / "pack"
    if pack.is_dir():
        for pattern in ("tmp_pack_*", "tmp_idx_*", "tmp_rev_*", ".tmp-*-pack-*"):
            found += pack.glob(pattern)
    found += (git_dir / "objects").glob("??/tmp_obj_*")
    return [p for p in found if p.is_file()]


def _age(path: Path, now: float) -> float | None:
    try:
        return now - path.stat().st_mtime
    except FileNotFoundError:
        return None  # gone meanwhile (its owner finished)


def repair(git_dir: str | os.PathLike[str], stale_after: float = DEFAULT_STALE_AFTER) -> Repairs:
    """Remove lock files and crash leftovers older than ``stale_after`` seconds from ``git_dir``.

    Call it only while holding the store's exclusive lock.  Files that cannot be removed (a
    read-only file system) are left and reported by the write that then fails.
    """
    root = Path(git_dir)
    done = Repairs()
    now = time.time()
    for kind, paths, removed in (("lock file", _lock_files(root), done.removed_locks),
                                 ("crash leftover", _leftovers(root), done.removed_leftovers)):
        for path in paths:
            age = _age(path, now)
            if age is None:
                continue
            rel = str(path.relative_to(root))
            if age < stale_after:
                if kind == "lock file":
                    done.fresh_locks.append(rel)
                continue
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("cannot remove stale %s %s in %s: %s", kind, rel, root, exc.strerror or exc)
                continue
            removed.append(rel)
            log.warning("removed stale %s %s in %s (%.0f s old; left by an interrupted git process)",
                        kind, rel, root, age)
    return done


__all__ = ["DEFAULT_STALE_AFTER", "Repairs", "repair"]
