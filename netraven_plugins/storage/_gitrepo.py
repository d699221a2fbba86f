"""Low-level git operations for the git storage backend.

Commits are written with one ``git fast-import`` process per commit: it takes every changed blob
and builds the new tree from the parent's, so storing 1,000 devices costs one process, not
thousands.  Objects are read through GitPython's persistent ``git cat-file --batch`` process.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import git

from netraven_core.errors import StorageError

_ZERO = "0" * 40
_INIT_PREFIX = ".netraven-init-"
_RAW_LINE = re.compile(r"^:\d{6} (\d{6}) [0-9a-f]{40} ([0-9a-f]{40}) ([A-Z])\d*\t(.+)$")
_NUMSTAT_LINE = re.compile(r"^(\d+|-)\t(\d+|-)\t(.+)$")
_UNSAFE_IDENT = re.compile(r"[<>\n\r\x00]")


def blob_sha(data: bytes) -> str:
    """The id git gives a blob with this content (so unchanged content is spotted without git)."""
    return hashlib.sha1(b"blob %d\x00" % len(data) + data, usedforsecurity=False).hexdigest()


def git_env() -> dict[str, str]:
    # A caller's GIT_DIR/GIT_WORK_TREE/GIT_INDEX_FILE (set when NetRaven runs inside a git hook,
    # say) must not redirect our commands to another repository.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


@dataclass
class LoggedCommit:
    """A commit as seen by :meth:`GitRepo.log_changes`: changed blobs and line counts per path."""

    commit: str
    timestamp: int
    message: str
    blobs: dict[str, str] = field(default_factory=dict)  # path -> blob (added or modified)
    numstat: dict[str, tuple[int, int]] = field(default_factory=dict)


class GitRepo:
    """A git repository with a working tree at ``root``."""

    def __init__(self, root: Path):
        self.root = root
        self.git_dir = root / ".git"
        self._repo: git.Repo | None = None
        self._cat_lock = threading.Lock()

    # ------------------------------------------------------------------ setup

    def exists(self) -> bool:
        return (self.git_dir / "HEAD").is_file()

    def init(self, branch: str) -> None:
        """Create the repository, atomically: two processes may be creating it at the same time.

        ``git init`` runs in a private temporary directory and its ``.git`` is renamed into place;
        a rename onto an existing ``.git`` fails, so the loser simply uses the winner's.  Nobody
        ever sees a half-initialised repository.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        strangers = [p.name for p in self.root.iterdir() if not p.name.startswith(_INIT_PREFIX)]
        if strangers and not self.exists():
            # Never turn somebody's directory into a repository (and overwrite their README).
            raise StorageError(f"{self.root} is not empty and is not a git repository; "
                               "give an empty or new directory, or an existing repository")
        tmp = Path(tempfile.mkdtemp(prefix=_INIT_PREFIX, dir=self.root))
        try:
            proc = subprocess.run(["git", "init", "--quiet", f"--initial-branch={branch}"], cwd=tmp,
                                  capture_output=True, env=git_env())
            if proc.returncode != 0:
                err = proc.stderr.decode("utf-8", "replace").strip()[-500:]
                raise StorageError(f"git init failed in {self.root}: {err}")
            try:
                os.rename(tmp / ".git", self.git_dir)
            except OSError:
                if not self.exists():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @property
    def repo(self) -> git.Repo:
        if self._repo is None:
            self._repo = git.Repo(self.root)
        return self._repo

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()  # stops the persistent cat-file processes
            self._repo = None

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
        """Run a git command in the repository and return its standard output."""
        proc = subprocess.run(["git", *args], cwd=self.root, input=input, capture_output=True, env=git_env())
        if check and proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip()[-500:]
            raise StorageError(f"git {args[0]} failed in {self.root}: {err}")
        return proc.stdout

    # ------------------------------------------------------------------ refs

    def head_ref(self) -> str:
        """The branch HEAD points to (``refs/heads/main``)."""
        try:
            text = (self.git_dir / "HEAD").read_text().strip()
        except OSError as exc:
            raise StorageError(f"not a git repository: {self.root}") from exc
        if text.startswith("ref: "):
            return text[5:]
        raise StorageError(f"{self.root}: HEAD is detached; check out a branch")

    def ref_value(self, ref: str) -> str | None:
        """The commit ``ref`` points to, read from the ref files (no process: this is on every read)."""
        try:
            value = (self.git_dir / ref).read_text().strip()
            if len(value) == 40:
                return value
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        try:
            with open(self.git_dir / "packed-refs") as fh:
                for line in fh:
                    if line.endswith(f" {ref}\n"):
                        return line[:40]
        except FileNotFoundError:
            pass
        return None

    def is_ancestor(self, older: str, newer: str) -> bool:
        proc = subprocess.run(["git", "merge-base", "--is-ancestor", older, newer], cwd=self.root,
                              capture_output=True, env=git_env())
        return proc.returncode == 0

    # ------------------------------------------------------------------ objects

    def cat(self, sha: str) -> bytes:
        """The content of an object, through the persistent ``cat-file --batch`` process."""
        with self._cat_lock:
            try:
                _sha, _kind, _size, data = self.repo.git.get_object_data(sha)
            except (ValueError, git.GitCommandError, BrokenPipeError, OSError) as exc:
                self.close()  # restart the process next time
                raise StorageError(f"cannot read object {sha} in {self.root}: {exc}") from None
        return data

    def cat_many(self, shas: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """Stream the content of many objects through one ``cat-file --batch`` (for reindexing)."""
        proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, env=git_env())
        assert proc.stdin is not None and proc.stdout is not None

        def feed() -> None:
            try:
                for sha in shas:
                    proc.stdin.write(f"{sha}\n".encode())
                proc.stdin.close()
            except BrokenPipeError:
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            for sha in shas:
                header = proc.stdout.readline().split()
                if len(header) != 3:
                    raise StorageError(f"cannot read object {sha} in {self.root}")
                data = proc.stdout.read(int(header[2]) + 1)[:-1]
                yield sha, data
        finally:
            proc.stdout.close()
            proc.kill()
            proc.wait()
            writer.join()

    def cat_path(self, commit: str, path: str) -> bytes | None:
        proc = subprocess.run(["git", "cat-file", "blob", f"{commit}:{path}"], cwd=self.root,
                              capture_output=True, env=git_env())
        return proc.stdout if proc.returncode == 0 else None

    # ------------------------------------------------------------------ writing

    def commit(self, ref: str, parent: str | None, files: Sequence[tuple[str, bytes]], message: str, *,
               name: str, email: str, when: int) -> str:
        """Commit ``files`` (path, content) on top of ``parent`` and move ``ref``; returns the commit."""
        msg = message.encode("utf-8", "replace")
        name = _UNSAFE_IDENT.sub("", name) or "NetRaven"
        email = _UNSAFE_IDENT.sub("", email) or "netraven@localhost"
        parts = [f"commit {ref}\nmark :1\ncommitter {name} <{email}> {when} +0000\n".encode(),
                 b"data %d\n" % len(msg), msg, b"\n"]
        if parent:
            parts.append(f"from {parent}\n".encode())
        for path, data in files:
            parts += [f"M 100644 inline {path}\n".encode(), b"data %d\n" % len(data), data, b"\n"]
        parts.append(b"\nget-mark :1\ndone\n")
        out = self.run("fast-import", "--quiet", "--done", "--date-format=raw", input=b"".join(parts))
        commit = out.decode().strip().splitlines()[-1] if out.strip() else ""
        if self.ref_value(ref) != commit:
            raise StorageError(f"git fast-import did not move {ref} to the new commit in {self.root}")
        return commit

    def update_worktree(self, old: str | None, new: str) -> None:
        """Make the checked-out files match ``new`` (only changed files are written)."""
        if old is not None:
            proc = subprocess.run(["git", "read-tree", "-m", "-u", old, new], cwd=self.root,
                                  capture_output=True, env=git_env())
            if proc.returncode == 0:
                return
        # First commit, or the working tree/index drifted (someone edited files): reset to ``new``.
        self.run("read-tree", "--reset", "-u", new)

    # ------------------------------------------------------------------ history (for reindexing)

    def log_changes(self, ref: str, since: str | None = None) -> Iterator[LoggedCommit]:
        """Every first-parent commit after ``since`` up to ``ref``, oldest first, with its changes."""
        span = f"{since}..{ref}" if since else ref
        out = self.run("log", "--reverse", "--first-parent", "--no-renames", "--raw", "--numstat",
                       "--no-abbrev", "--format=%x00%H %ct%n%B%x00", span)
        chunks = out.decode("utf-8", "replace").split("\x00")[1:]
        for i in range(0, len(chunks) - 1, 2):
            header, _, message = chunks[i].partition("\n")
            sha, _, ts = header.partition(" ")
            logged = LoggedCommit(sha, int(ts), message.strip("\n"))
            for line in chunks[i + 1].splitlines():
                raw = _RAW_LINE.match(line)
                if raw:
                    mode, blob, status, path = raw.groups()
                    if status in "AMT" and mode == "100644" and blob != _ZERO:
                        logged.blobs[path] = blob
                    continue
                num = _NUMSTAT_LINE.match(line)
                if num:
                    added, removed, path = num.groups()
                    # "-" marks a binary file: no line counts
                    logged.numstat[path] = (int(added.replace("-", "0")), int(removed.replace("-", "0")))
            yield logged
