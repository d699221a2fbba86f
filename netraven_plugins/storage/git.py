"""The ``git`` storage backend: one file per device in a git repository, one commit per save.

Layout, path mapping, index and concurrency are documented in ``docs/storage.md``.  In short:
device files are ``configs/<slug>-<hash>.cfg`` (see :func:`device_slug`), ``hostnames.json``
maps them back to hostnames, a SQLite index in ``.git/netraven/`` answers history questions
without walking git history, and an exclusive ``flock`` on ``.git/netraven.lock`` serialises
writers across processes.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from netraven_core.errors import StorageError
from netraven_core.hookspecs import hookimpl
from netraven_core.models import ConfigToStore, VersionInfo

from ._common import VersionNotFound, count_changes, device_slug, exclusive_lock, make_diff, sha256_text
from ._gitindex import IndexedVersion, NewVersion, VersionIndex
from ._gitrepo import GitRepo, blob_sha, git_env

HOSTNAMES_FILE = "hostnames.json"
CONFIG_DIR = "configs"
RUN_TRAILER = "NetRaven-Run"
_RUN_RE = re.compile(rf"^{RUN_TRAILER}: (.+)$", re.MULTILINE)
_README = """\
# NetRaven configuration store

Written by NetRaven; do not edit by hand.  Each device's configuration is one file under
`configs/`, named `<readable-name>-<hash>.cfg` (the hash is the start of the SHA-256 of the exact
hostname, so no two hostnames share a file); `hostnames.json` maps each file to its hostname.
Use `netraven history|show|diff --storage <this directory> HOSTNAME` to browse versions.
"""
_GITATTRIBUTES = "*.cfg -text diff\n"
_GITIGNORE = ".netraven/\n"


def _display(hostname: str) -> str:
    """A hostname safe to put on one line of a commit message."""
    plain = hostname.isprintable() and not any(c.isspace() for c in hostname)
    return hostname if plain else json.dumps(hostname)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


class GitStorage:
    """Configuration versions in a git repository at ``location`` (created when missing).

    :param branch: the branch of a new repository (an existing one keeps the branch HEAD names).
    :param author_name: committer name recorded on every commit.
    :param author_email: committer e-mail recorded on every commit.
    :param checkout: keep the working tree's files up to date (for people browsing with git/grep).
    """

    name: ClassVar[str] = "git"

    def __init__(self, location: str, *, branch: str = "main", author_name: str = "NetRaven",
                 author_email: str = "netraven@localhost", checkout: bool = True, **options: Any) -> None:
        self.root = Path(location).expanduser().resolve()
        self.author_name = author_name
        self.author_email = author_email
        self.checkout = checkout
        self.options = options
        self.repo = GitRepo(self.root)
        if not self.repo.exists():
            self.repo.init(branch)
        self.lock_path = self.repo.git_dir / "netraven.lock"
        self.ref = self.repo.head_ref()
        with exclusive_lock(self.lock_path):
            if self.repo.ref_value(self.ref) is None:
                self._initial_commit()
            # Under the lock: SQLite's switch to WAL fails at once ("database is locked", no busy
            # wait) when another process is creating the same index.
            self.index = VersionIndex(self.repo.git_dir / "netraven" / "index.sqlite3")

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

    # ------------------------------------------------------------------ paths

    def path_for(self, hostname: str) -> str:
        """The repository path of ``hostname``'s file (``configs/<slug>-<hash>.cfg``)."""
        self._sync()
        return self.index.path_of(hostname) or f"{CONFIG_DIR}/{device_slug(hostname)}.cfg"

    # ------------------------------------------------------------------ reading

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
        return None if latest is None else _decode(self.repo.cat(latest.blob))

    def read(self, hostname: str, version: str | None = None) -> str:
        """The text of a version: ``None`` = latest, ``~N`` = N before latest, or a commit id prefix.

        :raises VersionNotFound: (a :class:`StorageError` and :class:`LookupError`) if unknown.
        """
        self._sync()
        return _decode(self.repo.cat(self.index.find(hostname, version).blob))

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
        old_text = "" if old is None else _decode(self.repo.cat(old.blob))
        old_label = "/dev/null" if old is None else f"{hostname}@{old.commit[:12]}"
        new_text = _decode(self.repo.cat(new.blob))
        return make_diff(old_text, new_text, old_label, f"{hostname}@{new.commit[:12]}")

    # ------------------------------------------------------------------ writing

    def save(self, configs: Sequence[ConfigToStore], *, run_id: str | None = None,
             message: str | None = None) -> dict[str, VersionInfo]:
        """Store many configurations in one commit.

        Every hostname passed is in the result: its new version, or, when the text equals the latest
        stored one, that unchanged latest version (no commit is made if nothing changed).  The
        ``lines_added``/``lines_removed`` of each config are recorded as given; when both are 0 they
        are computed against the latest version.
        """
        pending: dict[str, ConfigToStore] = {}
        for config in configs:
            device_slug(config.hostname)  # validates the hostname
            pending[config.hostname] = config
        if not pending:
            return {}
        results: dict[str, VersionInfo] = {}
        with exclusive_lock(self.lock_path):
            parent = self._sync(locked=True)
            files: list[tuple[str, bytes]] = []
            versions: list[NewVersion] = []
            new_paths: dict[str, str] = {}
            for hostname, config in pending.items():
                data = _encode(config.text)
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
                    old = None if previous is None else _decode(self.repo.cat(previous.blob))
                    added, removed = count_changes(old, config.text)
                files.append((path, data))
                versions.append(NewVersion(hostname, path, blob, sha256_text(data), len(data),
                                           added, removed))
            if not versions:
                return results
            if new_paths:
                files.append((HOSTNAMES_FILE, self._hostnames_file({**self.index.paths(), **new_paths})))
            run = _one_line(run_id) if run_id else None
            subject, body = self._message(versions, run, message)
            when = int(time.time())
            commit = self.repo.commit(self.ref, parent, files, f"{subject}\n\n{body}",
                                      name=self.author_name, email=self.author_email, when=when)
            self.index.record(commit, when, subject, run, versions, head=commit)
            if self.checkout:
                self.repo.update_worktree(parent, commit)
        for v in versions:
            results[v.hostname] = IndexedVersion(0, v.hostname, commit, v.blob, when, v.sha256, v.size,
                                                 v.added, v.removed, run, subject).info()
        self._maybe_gc()
        return results

    def reindex(self) -> None:
        """Rebuild the version index from git history (after copying a repository, for instance)."""
        with exclusive_lock(self.lock_path):
            self._catch_up(self.repo.ref_value(self.ref), full=True)

    # ------------------------------------------------------------------ internals

    def _new_path(self, hostname: str) -> str:
        path = f"{CONFIG_DIR}/{device_slug(hostname)}.cfg"
        owner = self.index.hostname_of(path)
        if owner is not None and owner != hostname:  # a 48-bit hash collision: refuse, never mix
            raise StorageError(f"file name collision between {hostname!r} and {owner!r}")
        return path

    @staticmethod
    def _hostnames_file(paths: dict[str, str]) -> bytes:
        by_path = {path: hostname for hostname, path in paths.items()}
        return (json.dumps(dict(sorted(by_path.items())), indent=1) + "\n").encode()

    @staticmethod
    def _message(versions: list[NewVersion], run_id: str | None, message: str | None) -> tuple[str, str]:
        names = [_display(v.hostname) for v in versions]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        subject = _one_line(message.splitlines()[0]) if message and message.strip() else (
            f"{len(versions)} configuration(s) changed: {shown}" + (f" (run {run_id})" if run_id else ""))
        lines = [f"Run: {run_id or '-'}", f"Devices changed: {len(versions)}", ""]
        lines += sorted(f"  {name}: +{v.added} -{v.removed}" for name, v in zip(names, versions, strict=True))
        if run_id:
            lines += ["", f"{RUN_TRAILER}: {run_id}"]
        return subject, "\n".join(lines) + "\n"

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
        if head == self.index.head():
            return head
        if not locked:
            with exclusive_lock(self.lock_path):
                return self._sync(locked=True)
        self._catch_up(head, full=False)
        return head

    def _catch_up(self, head: str | None, *, full: bool) -> None:
        if head is None:
            return
        since = None if full else self.index.head()
        if since is not None and not self.repo.is_ancestor(since, head):
            since = None  # history was rewritten: start over
        raw = self.repo.cat_path(head, HOSTNAMES_FILE)
        try:
            by_path = json.loads(raw) if raw else {}
        except ValueError:
            by_path = {}
        if since is not None:
            by_path.update({path: host for host, path in self.index.paths().items()})
        logged_commits = list(self.repo.log_changes(head, since))
        wanted = {blob for c in logged_commits for path, blob in c.blobs.items() if path in by_path}
        facts = {sha: (sha256_text(data), len(data)) for sha, data in self.repo.cat_many(sorted(wanted))}
        commits = []
        for logged in logged_commits:
            versions = []
            for path, blob in logged.blobs.items():
                hostname = by_path.get(path)
                if hostname is None:
                    continue  # not a device file (README, hostnames.json, files added by hand)
                added, removed = logged.numstat.get(path, (0, 0))
                versions.append(NewVersion(hostname, path, blob, *facts[blob], added, removed))
            run = _RUN_RE.search(logged.message)
            subject = logged.message.splitlines()[0] if logged.message else ""
            commits.append((logged.commit, float(logged.timestamp), subject,
                            run.group(1).strip() if run else None, versions))
        self.index.record_many(commits, head, reset=since is None)

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
