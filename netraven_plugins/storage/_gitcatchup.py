"""Commit messages of the git backend and the catch-up of its index from git history.

Split from ``git.py`` so the store itself stays readable: these are pure functions of the
repository and the index, used on every write (messages) and whenever the index is behind the
branch head (another process committed, a commit's index record was lost, or a reindex).
"""

from __future__ import annotations

import json
import re

from ._common import sha256_text
from ._gitindex import NewVersion, VersionIndex
from ._gitrepo import GitRepo

HOSTNAMES_FILE = "hostnames.json"
RUN_TRAILER = "NetRaven-Run"
_RUN_RE = re.compile(rf"^{RUN_TRAILER}: (.+)$", re.MULTILINE)


def display(hostname: str) -> str:
    """A hostname safe to put on one line of a commit message."""
    plain = hostname.isprintable() and not any(c.isspace() for c in hostname)
    return hostname if plain else json.dumps(hostname)


def one_line(text: str) -> str:
    return " ".join(text.split())


def hostnames_file(paths: dict[str, str]) -> bytes:
    """``json.dumps(..., indent=1)`` of {path: hostname} sorted by path, byte for byte.

    Rewritten by every commit that adds a device: ``indent`` takes json's pure-Python encoder,
    ~15 ms a commit at 4,000 devices, where encoding each string alone stays in C.
    """
    if not paths:
        return b"{}\n"
    dumps = json.dumps
    lines = ",\n".join(f" {dumps(path)}: {dumps(hostname)}"
                       for path, hostname in sorted((p, h) for h, p in paths.items()))
    return ("{\n" + lines + "\n}\n").encode()


def commit_message(versions: list[NewVersion], run_id: str | None, message: str | None) -> tuple[str, str]:
    """The subject and body of the commit storing ``versions``."""
    names = [display(v.hostname) for v in versions]
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    subject = one_line(message.splitlines()[0]) if message and message.strip() else (
        f"{len(versions)} configuration(s) changed: {shown}" + (f" (run {run_id})" if run_id else ""))
    lines = [f"Run: {run_id or '-'}", f"Devices changed: {len(versions)}", ""]
    lines += sorted(f"  {name}: +{v.added} -{v.removed}" for name, v in zip(names, versions, strict=True))
    if run_id:
        lines += ["", f"{RUN_TRAILER}: {run_id}"]
    return subject, "\n".join(lines) + "\n"


def catch_up(repo: GitRepo, index: VersionIndex, head: str | None, *, full: bool) -> None:
    """Record in ``index`` the commits up to ``head`` it does not know (all of them if ``full``)."""
    if head is None:
        return
    since = None if full else index.head()
    if since is not None and not repo.is_ancestor(since, head):
        since = None  # history was rewritten: start over
    raw = repo.cat_path(head, HOSTNAMES_FILE)
    try:
        by_path = json.loads(raw) if raw else {}
    except ValueError:
        by_path = {}
    if since is not None:
        by_path.update({path: host for host, path in index.paths().items()})
    logged_commits = list(repo.log_changes(head, since))
    wanted = {blob for c in logged_commits for path, blob in c.blobs.items() if path in by_path}
    facts = {sha: (sha256_text(data), len(data)) for sha, data in repo.cat_many(sorted(wanted))}
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
    index.record_many(commits, head, reset=since is None)
