"""The ``filesystem`` storage backend: plain files, one directory per device, no git needed.

Layout (see ``docs/storage.md``)::

    <location>/
      .netraven-storage              marker: "netraven filesystem storage 1"
      .lock                          flock taken by writers
      devices/<slug>-<hash>/         one per device (same name mapping as the git backend)
        hostname                     the exact hostname
        latest.cfg                   copy of the newest version
        versions/<version>.cfg       every version; <version> = UTC time + content hash
        index.jsonl                  one JSON line of metadata per version, oldest first

Every file is written to a temporary name and renamed, so readers never see half a file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from netraven_core.errors import StorageError
from netraven_core.fileio import atomic_write
from netraven_core.hookspecs import hookimpl
from netraven_core.models import ConfigToStore, VersionInfo

from ._common import (
    VersionNotFound,
    count_changes,
    device_slug,
    exclusive_lock,
    make_diff,
    relative_back,
    sha256_text,
)

MARKER = ".netraven-storage"
MARKER_TEXT = "netraven filesystem storage 1\n"
_VERSION_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([0-9a-f]{12})\.cfg$")


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


class FilesystemStorage:
    """Configuration versions as plain files under ``location`` (created when missing)."""

    name: ClassVar[str] = "filesystem"

    def __init__(self, location: str, **options: Any) -> None:
        self.root = Path(location).expanduser().resolve()
        self.options = options
        marker = self.root / MARKER
        if not marker.exists():
            foreign = self.root.exists() and not (self.root / "devices").is_dir() and any(
                p.name not in (MARKER, ".lock") for p in self.root.iterdir())
            if foreign:  # never scatter files into somebody else's directory
                raise StorageError(f"{self.root} is not empty and is not a NetRaven filesystem store")
            (self.root / "devices").mkdir(parents=True, exist_ok=True)
            atomic_write(marker, MARKER_TEXT.encode())
        self.lock_path = self.root / ".lock"

    def __repr__(self) -> str:
        return f"FilesystemStorage({str(self.root)!r})"

    def close(self) -> None:
        """Nothing to release; present for symmetry with the git backend."""

    def __enter__(self) -> FilesystemStorage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ paths

    def path_for(self, hostname: str) -> str:
        """The device's directory, relative to the storage location."""
        return f"devices/{device_slug(hostname)}"

    def _dir(self, hostname: str) -> Path:
        return self.root / self.path_for(hostname)

    # ------------------------------------------------------------------ reading

    def hostnames(self) -> list[str]:
        names = []
        for entry in (self.root / "devices").iterdir():
            try:
                if (entry / "index.jsonl").exists():
                    names.append((entry / "hostname").read_text(encoding="utf-8"))
            except OSError:
                continue
        return sorted(names)

    def _entries(self, hostname: str) -> list[dict[str, Any]]:
        """The device's version metadata, oldest first (rebuilt from the files if unreadable)."""
        index = self._dir(hostname) / "index.jsonl"
        try:
            text = index.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        entries = []
        for line in text.splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue  # a torn last line after a crash; the version file itself is intact
        return entries

    def _info(self, hostname: str, entry: dict[str, Any]) -> VersionInfo:
        return VersionInfo(hostname=hostname, version=entry["version"],
                           timestamp=datetime.fromisoformat(entry["timestamp"]), content_hash=entry["sha256"],
                           size=entry["size"], lines_added=entry["added"], lines_removed=entry["removed"],
                           run_id=entry.get("run_id"), message=entry.get("message", ""))

    def history(self, hostname: str, limit: int | None = None) -> list[VersionInfo]:
        entries = self._entries(hostname)[::-1]
        if limit is not None:
            entries = entries[: max(0, limit)]
        return [self._info(hostname, e) for e in entries]

    def _find(self, hostname: str, version: str | None) -> tuple[int, list[dict[str, Any]]]:
        entries = self._entries(hostname)
        if not entries:
            raise VersionNotFound(f"no stored configuration for {hostname!r}")
        spec = (version or "~0").strip()
        back = relative_back(spec)
        if back is not None:
            if back < len(entries):
                return len(entries) - 1 - back, entries
        else:
            found = [i for i, e in enumerate(entries) if e["version"].startswith(spec)] if spec else []
            if len(found) == 1:
                return found[0], entries
            if len(found) > 1:
                raise VersionNotFound(f"version {spec!r} of {hostname!r} is ambiguous; give more characters")
        raise VersionNotFound(f"no version {spec!r} of {hostname!r}")

    def _text(self, hostname: str, version_id: str) -> str:
        try:
            return _decode((self._dir(hostname) / "versions" / f"{version_id}.cfg").read_bytes())
        except FileNotFoundError:
            raise VersionNotFound(f"version {version_id!r} of {hostname!r} is missing its file") from None

    def latest_text(self, hostname: str) -> str | None:
        entries = self._entries(hostname)
        return self._text(hostname, entries[-1]["version"]) if entries else None

    def read(self, hostname: str, version: str | None = None) -> str:
        """A version's text: ``None`` = latest, ``~N`` = N before latest, or a version id (prefix)."""
        i, entries = self._find(hostname, version)
        return self._text(hostname, entries[i]["version"])

    def version(self, hostname: str, version: str | None = None) -> VersionInfo:
        i, entries = self._find(hostname, version)
        return self._info(hostname, entries[i])

    def diff(self, hostname: str, version_a: str | None = None, version_b: str | None = None) -> str:
        """Unified diff from ``version_a`` (default: the one before ``version_b``) to ``version_b``
        (default: latest)."""
        j, entries = self._find(hostname, version_b)
        i = (j - 1 if j > 0 else None) if version_a is None else self._find(hostname, version_a)[0]
        new = entries[j]["version"]
        if i is None:
            return make_diff("", self._text(hostname, new), "/dev/null", f"{hostname}@{new}")
        old = entries[i]["version"]
        return make_diff(self._text(hostname, old), self._text(hostname, new), f"{hostname}@{old}",
                         f"{hostname}@{new}")

    # ------------------------------------------------------------------ writing

    def save(self, configs: Sequence[ConfigToStore], *, run_id: str | None = None,
             message: str | None = None) -> dict[str, VersionInfo]:
        """Store each configuration that differs from its latest version.

        Like the git backend, every hostname passed is in the result (unchanged ones map to their
        current latest version).
        """
        pending = {c.hostname: c for c in configs if device_slug(c.hostname)}
        results: dict[str, VersionInfo] = {}
        if not pending:
            return results
        subject = " ".join(message.split()) if message else f"netraven run {run_id or '-'}"
        with exclusive_lock(self.lock_path):
            for hostname, config in pending.items():
                results[hostname] = self._save_one(hostname, config, run_id, subject)
            # One flush for the whole batch: an fsync per file made 1,000 devices take ~30 s.
            os.sync()
        return results

    def _save_one(self, hostname: str, config: ConfigToStore, run_id: str | None,
                  subject: str) -> VersionInfo:
        data = config.text.encode("utf-8", "surrogateescape")
        digest = sha256_text(data)
        entries = self._entries(hostname)
        if entries and entries[-1]["sha256"] == digest:
            return self._info(hostname, entries[-1])
        added, removed = config.lines_added, config.lines_removed
        if (added, removed) == (0, 0):
            old = self._text(hostname, entries[-1]["version"]) if entries else None
            added, removed = count_changes(old, config.text)
        now = datetime.now(UTC)
        version = f"{now:%Y%m%dT%H%M%S.%f}Z-{digest[:12]}"
        directory = self._dir(hostname)
        (directory / "versions").mkdir(parents=True, exist_ok=True)
        if not (directory / "hostname").exists():
            atomic_write(directory / "hostname", hostname.encode("utf-8"), sync=False)
        atomic_write(directory / "versions" / f"{version}.cfg", data, sync=False)
        atomic_write(directory / "latest.cfg", data, sync=False)
        entry = {"version": version, "timestamp": now.isoformat(), "sha256": digest, "size": len(data),
                 "added": added, "removed": removed, "run_id": run_id, "message": subject}
        line = (json.dumps(entry, ensure_ascii=True) + "\n").encode()
        fd = os.open(directory / "index.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)  # one write of one short line: appended whole
        finally:
            os.close(fd)
        return self._info(hostname, entry)

    def reindex(self) -> None:
        """Rebuild every device's ``index.jsonl`` from its version files (run ids are kept if known)."""
        with exclusive_lock(self.lock_path):
            for directory in (self.root / "devices").iterdir():
                if (directory / "versions").is_dir():
                    self._reindex_device(directory)

    def _reindex_device(self, directory: Path) -> None:
        known = {}
        try:
            for line in (directory / "index.jsonl").read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    known[entry["version"]] = entry
                except (ValueError, KeyError, TypeError):
                    continue
        except FileNotFoundError:
            pass
        lines, previous = [], None
        for path in sorted((directory / "versions").iterdir()):
            match = _VERSION_NAME.match(path.name)
            if not match:
                continue
            data = path.read_bytes()
            text = _decode(data)
            version = path.name[:-4]
            added, removed = count_changes(previous, text)
            stamp = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)
            old = known.get(version, {})
            lines.append(json.dumps({"version": version, "timestamp": stamp.isoformat(),
                                     "sha256": sha256_text(data), "size": len(data), "added": added,
                                     "removed": removed, "run_id": old.get("run_id"),
                                     "message": old.get("message", "")}, ensure_ascii=True) + "\n")
            previous = text
        atomic_write(directory / "index.jsonl", "".join(lines).encode())


@hookimpl
def netraven_storage_backends() -> list[type]:
    return [FilesystemStorage]
