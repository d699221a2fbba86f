"""Writing files so that readers see the old or the new content, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, sync: bool = True, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` in one rename.

    The temporary file is created owner-only (``mkstemp``), so a secret is never readable by
    others, not even briefly; ``mode`` sets the final permissions explicitly.  ``sync=False``
    skips the ``fsync`` (the caller flushes a whole batch at once).  The temporary file is
    removed if anything fails.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
