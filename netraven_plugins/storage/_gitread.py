"""The reading side of the git backend (a mixin of :class:`~netraven_plugins.storage.git.GitStorage`).

Every read first brings the index up to the branch head (``_sync``), then answers from the index
and reads blobs through the persistent ``git cat-file --batch`` process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netraven_core.models import VersionInfo

from ._common import device_slug, make_diff
from ._gitindex import IndexedVersion

if TYPE_CHECKING:
    from ._gitindex import VersionIndex
    from ._gitrepo import GitRepo

CONFIG_DIR = "configs"


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


class GitReading:
    repo: GitRepo
    index: VersionIndex

    def _sync(self, *, locked: bool = False) -> str | None:
        raise NotImplementedError

    def path_for(self, hostname: str) -> str:
        """The repository path of ``hostname``'s file (``configs/<slug>-<hash>.cfg``)."""
        self._sync()
        return self.index.path_of(hostname) or f"{CONFIG_DIR}/{device_slug(hostname)}.cfg"

    def hostnames(self) -> list[str]:
        """Every hostname with at least one stored version, sorted."""
        self._sync()
        return self.index.hostnames()

    def history(self, hostname: str, limit: int | None = None) -> list[VersionInfo]:
        """``hostname``'s versions, newest first (empty for an unknown device)."""
        self._sync()
        return [v.info() for v in self.index.history(hostname, limit)]

    def latest_text(self, hostname: str) -> str | None:
        self._sync()
        latest = self.index.latest(hostname)
        return None if latest is None else decode(self.repo.cat(latest.blob))

    def read(self, hostname: str, version: str | None = None) -> str:
        """The text of a version: ``None`` = latest, ``~N`` = N before latest, or a commit id prefix.

        :raises VersionNotFound: (a :class:`StorageError` and :class:`LookupError`) if unknown.
        """
        self._sync()
        return decode(self.repo.cat(self.index.find(hostname, version).blob))

    def version(self, hostname: str, version: str | None = None) -> VersionInfo:
        """The metadata of one version (same references as :meth:`read`)."""
        self._sync()
        return self.index.find(hostname, version).info()

    def diff(self, hostname: str, version_a: str | None = None, version_b: str | None = None) -> str:
        """Unified diff from ``version_a`` (default: the one before ``version_b``) to ``version_b``
        (default: latest).  With a single version the diff shows the whole file added."""
        self._sync()
        new = self.index.find(hostname, version_b)
        if version_a is None:
            old: IndexedVersion | None = self.index.previous(new)
        else:
            old = self.index.find(hostname, version_a)
        old_text = "" if old is None else decode(self.repo.cat(old.blob))
        old_label = "/dev/null" if old is None else f"{hostname}@{old.commit[:12]}"
        new_text = decode(self.repo.cat(new.blob))
        return make_diff(old_text, new_text, old_label, f"{hostname}@{new.commit[:12]}")
