"""The ``git`` storage backend: one file per device in a git repository, one commit per save.

Layout, path mapping, index and concurrency are documented in ``docs/storage.md``.  In short:
device files are ``configs/<slug>-<hash>.cfg`` (see :func:`device_slug`), ``hostnames.json``
maps them back to hostnames, a SQLite index in ``.git/netraven/`` answers history questions
without walking git history, and an exclusive ``flock`` on ``.git/netraven.lock`` serialises
writers across processes.
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from netraven_core.errors import StorageError
from netraven_core.hookspecs import hookimpl
from netraven_core.models import ConfigToStore, VersionInfo

from ._common import VersionNotFound, count_changes, device_slug, exclusive_lock, sha256_text
from ._gitcatchup import HOSTNAMES_FILE, catch_up, commit_message, hostnames_file, one_line
from ._githeal import DEFAULT_STALE_AFTER, Repairs, repair
from ._gitindex import IndexedVersion, NewVersion, VersionIndex
from ._gitread import CONFIG_DIR, GitReading, decode, encode
from ._gitrepo import GitRepo, blob_sha, git_env

log = logging.getLogger(__name__)

_README = """\
# NetRaven configuration store

Written by NetRaven; do not edit by hand.  Each device's configuration is one file under
`configs/`, named `<readable-name>-<hash>.cfg` (the hash is the start of the SHA-256 of the exact
hostname, so no two hostnames share a file); `hostnames.json` maps each file to its hostname.
Use `netraven history|show|diff --storage <this directory> HOSTNAME` to browse versions.
"""
_GITATTRIBUTES = "*.cfg -text diff\n"
_GITIGNORE = ".netraven/\n"
# Marks a working tree that missed a commit (its update failed after the commit landed); the next
# write resets it to the branch head.  A file, so another process sharing the store sees it too.
_BEHIND = "worktree-behind"


class GitStorage(GitReading):
    """Configuration versions in a git repository at ``location`` (created when missing).

    :param branch: the branch of a new repository (an existing one keeps the branch HEAD names).
    :param author_name: committer name recorded on every commit.
    :param author_email: committer e-mail recorded on every commit.
    :param checkout: keep the working tree's files up to date (for people browsing with git/grep).
    :param stale_after: seconds after which a git lock file or crash leftover is removed as stale
        (``docs/storage.md``, self-healing).
    """

    name: ClassVar[str] = "git"

    def __init__(self, location: str, *, branch: str = "main", author_name: str = "NetRaven",
                 author_email: str = "netraven@localhost", checkout: bool = True,
                 stale_after: float = DEFAULT_STALE_AFTER, **options: Any) -> None:
        self.root = Path(location).expanduser().resolve()
        self.author_name = author_name
        self.author_email = author_email
        self.checkout = checkout
        self.stale_after = float(stale_after)
        self.options = options
        self.repo = GitRepo(self.root)
        if not self.repo.exists():
            self.repo.init(branch)
        self.lock_path = self.repo.git_dir / "netraven.lock"
        self.ref = self.repo.head_ref()
        self.last_repairs = Repairs()
        self._behind_path = self.repo.git_dir / "netraven" / _BEHIND
        self._behind_flag = False  # set when the marker file cannot be written either
        with self._locked():
            if self.repo.ref_value(self.ref) is None:
                self._initial_commit()
            # Under the lock: SQLite's switch to WAL fails at once ("database is locked", no busy
            # wait) when another process is creating the same index.
            index_path = self.repo.git_dir / "netraven" / "index.sqlite3"
            try:
                self.index = VersionIndex(index_path)
            except (sqlite3.Error, OSError) as exc:
                raise StorageError(f"cannot open the version index {index_path}: {exc}; remove the file "
                                   "and it is rebuilt from git history") from None

    def close(self) -> None:
        """Stop helper processes and close the index (the object is unusable afterwards)."""
        self.repo.close()
        self.index.close()

    def __enter__(self) -> GitStorage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"GitStorage({str(self.root)!r})"

    # ------------------------------------------------------------------ writing

    def save(self, configs: Sequence[ConfigToStore], *, run_id: str | None = None,
             message: str | None = None) -> dict[str, VersionInfo]:
        """Store many configurations in one commit.

        Every hostname passed is in the result: its new version, or, when the text equals the latest
        stored one, that unchanged latest version (no commit is made if nothing changed).  The
        ``lines_added``/``lines_removed`` of each config are recorded as given; when both are 0 they
        are computed against the latest version.  Once the commit has landed, the save succeeds:
        a failure to record it in the index or to update the working tree is logged and caught up
        by the next call.
        """
        pending: dict[str, ConfigToStore] = {}
        for config in configs:
            device_slug(config.hostname)  # validates the hostname
            pending[config.hostname] = config
        if not pending:
            return {}
        results: dict[str, VersionInfo] = {}
        with self._locked():
            parent = self._sync(locked=True)
            self._catch_up_worktree(parent)
            files: list[tuple[str, bytes]] = []
            versions: list[NewVersion] = []
            new_paths: dict[str, str] = {}
            for hostname, config in pending.items():
                data = encode(config.text)
                blob = blob_sha(data)
                previous = self.index.latest(hostname)
                if previous is not None and previous.blob == blob:
                    results[hostname] = previous.info()
                    continue
                path = self.index.path_of(hostname)
                if path is None:
                    path = new_paths[hostname] = self._new_path(hostname)
                added, removed = config.lines_added, config.lines_removed
                if (added, removed) == (0, 0):
                    old = None if previous is None else decode(self.repo.cat(previous.blob))
                    added, removed = count_changes(old, config.text)
                files.append((path, data))
                versions.append(NewVersion(hostname, path, blob, sha256_text(data), len(data),
                                           added, removed))
            if not versions:
                return results
            if new_paths:
                files.append((HOSTNAMES_FILE, hostnames_file({**self.index.paths(), **new_paths})))
            run = one_line(run_id) if run_id else None
            subject, body = commit_message(versions, run, message)
            when = int(time.time())
            commit = self.repo.commit(self.ref, parent, files, f"{subject}\n\n{body}",
                                      name=self.author_name, email=self.author_email, when=when)
            self._after_commit(parent, commit, lambda: self.index.record(commit, when, subject, run,
                                                                         versions, head=commit))
        for v in versions:
            results[v.hostname] = IndexedVersion(0, v.hostname, commit, v.blob, when, v.sha256, v.size,
                                                 v.added, v.removed, run, subject).info()
        self._maybe_gc()
        return results

    def reindex(self) -> None:
        """Rebuild the version index from git history (after copying a repository, for instance)."""
        with self._locked():
            head = self.repo.ref_value(self.ref)
            self._index_call(lambda: catch_up(self.repo, self.index, head, full=True))

    def verify(self) -> list[str]:
        """Heal what can be healed and report what cannot: stale locks and leftovers removed, git
        connectivity checked (``git fsck --connectivity-only``), the index and working tree caught
        up with the branch head.  Returns the problems left (empty: the store is consistent)."""
        problems: list[str] = []
        with self._locked():
            head = self.repo.ref_value(self.ref)
            problems += [f"git lock file {p} is held (younger than {self.stale_after:g} s); "
                         "if no git command is running, remove it" for p in self.last_repairs.fresh_locks]
            proc = subprocess.run(["git", "fsck", "--connectivity-only", "--no-progress"], cwd=self.root,
                                  capture_output=True, env=git_env(), timeout=600)
            if proc.returncode != 0:
                err = proc.stderr.decode("utf-8", "replace").strip()[-500:]
                problems.append(f"git fsck found problems in {self.root}: {err}")
            try:
                self._sync(locked=True)
                if self.index.head() != head:
                    problems.append(f"the version index is at {self.index.head()} but the branch at {head}")
            except StorageError as exc:
                problems.append(str(exc))
            self._catch_up_worktree(head, force=True)
            if self._behind:
                problems.append(f"the working tree of {self.root} could not be updated to {head}")
        return problems

    # ------------------------------------------------------------------ internals

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The store's exclusive lock, with stale git locks and leftovers removed under it."""
        with exclusive_lock(self.lock_path):
            self.last_repairs = repair(self.repo.git_dir, self.stale_after)
            yield

    @property
    def _behind(self) -> bool:
        return self._behind_flag or self._behind_path.exists()

    def _after_commit(self, parent: str | None, commit: str, record: Any) -> None:
        # The commit is in git: from here on nothing may fail the save.  A lost index record is
        # caught up from git by the next call (the index head no longer matches the branch).
        try:
            record()
        except (sqlite3.Error, OSError, StorageError) as exc:
            log.warning("commit %s stored in %s but not yet indexed (%s); indexed on the next access",
                        commit[:12], self.root, exc)
        if self.checkout:
            try:
                self.repo.update_worktree(parent, commit)
            except (StorageError, OSError) as exc:
                log.warning("commit %s stored in %s but the working tree was not updated (%s); "
                            "it is brought up to date on the next write", commit[:12], self.root, exc)
                self._mark_behind()

    def _mark_behind(self) -> None:
        self._behind_flag = True
        try:
            self._behind_path.parent.mkdir(parents=True, exist_ok=True)
            self._behind_path.touch()
        except OSError:
            pass  # the flag in memory still catches it up from this process

    def _catch_up_worktree(self, head: str | None, *, force: bool = False) -> None:
        if not self.checkout or head is None or not (force or self._behind):
            return
        try:
            self.repo.update_worktree(None, head)  # a reset: the tree is at some older commit
        except (StorageError, OSError) as exc:
            log.warning("the working tree of %s is still behind %s: %s", self.root, head[:12], exc)
            self._mark_behind()
            return
        self._behind_flag = False
        self._behind_path.unlink(missing_ok=True)

    def _index_call(self, call: Any) -> Any:
        try:
            return call()
        except sqlite3.Error as exc:
            raise StorageError(f"the version index of {self.root} cannot be used: {exc}") from None

    def _new_path(self, hostname: str) -> str:
        path = f"{CONFIG_DIR}/{device_slug(hostname)}.cfg"
        owner = self.index.hostname_of(path)
        if owner is not None and owner != hostname:  # a 48-bit hash collision: refuse, never mix
            raise StorageError(f"file name collision between {hostname!r} and {owner!r}")
        return path

    def _initial_commit(self) -> None:
        files = [("README.md", _README.encode()), (".gitattributes", _GITATTRIBUTES.encode()),
                 (".gitignore", _GITIGNORE.encode()), (HOSTNAMES_FILE, b"{}\n")]
        commit = self.repo.commit(self.ref, None, files, "Initialise NetRaven configuration store\n",
                                  name=self.author_name, email=self.author_email, when=int(time.time()))
        if self.checkout:
            self.repo.update_worktree(None, commit)

    def _sync(self, *, locked: bool = False) -> str | None:
        """Bring the index up to the branch head (commits made by another process or by hand)."""
        head = self.repo.ref_value(self.ref)
        if head == self._index_call(self.index.head):
            return head
        if not locked:
            with self._locked():
                return self._sync(locked=True)
        self._index_call(lambda: catch_up(self.repo, self.index, head, full=False))
        return head

    def _maybe_gc(self) -> None:
        # fast-import leaves small imports as loose objects; let git pack them when it judges
        # it worthwhile (a quick no-op most of the time, detached when there is work).
        try:
            subprocess.run(["git", "gc", "--auto", "--quiet"], cwd=self.root, capture_output=True,
                           timeout=60, env=git_env())
        except (OSError, subprocess.TimeoutExpired):
            pass


@hookimpl
def netraven_storage_backends() -> list[type]:
    return [GitStorage]


__all__ = ["GitStorage", "VersionNotFound"]
