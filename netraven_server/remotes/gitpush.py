"""One ``git push`` of the configuration repository's current branch to a remote.

Credentials reach git through the environment of the child process only: an HTTPS token via a
``GIT_ASKPASS`` helper reading it from the environment, an SSH key via a 0600 temporary file
named in ``GIT_SSH_COMMAND`` (host keys trusted on first use, remembered in a known-hosts file
of the data directory).  Output is scrubbed of the token and of any URL credentials before it
becomes an error message.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ASKPASS = """#!/bin/sh
case "$1" in
  Username*) printf '%s\\n' "${NETRAVEN_GIT_USERNAME:-netraven}" ;;
  *) printf '%s\\n' "$NETRAVEN_GIT_TOKEN" ;;
esac
"""
_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")


class PushError(Exception):
    """The push failed; the message is safe to store and show."""


@dataclass(frozen=True)
class PushAuth:
    username: str | None = None
    token: str | None = field(default=None, repr=False)
    ssh_key: str | None = field(default=None, repr=False)  # private key text
    ssh_key_path: str | None = None
    known_hosts: Path | None = None


def safe_url(url: str) -> str:
    """The URL without credentials: ``https://user:pw@host`` -> ``https://host``; an SSH URL
    keeps its user (``ssh://git@host``, not a secret) but loses a password."""
    if url.startswith(("http://", "https://")):
        return _USERINFO.sub("", url)
    return _USERINFO.sub(lambda m: m.group(0).split(":", 1)[0].rstrip("@") + "@", url)


def _git(repo: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 30) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=timeout,
                          env=env, check=False)
    if proc.returncode != 0:
        raise PushError((proc.stderr or proc.stdout).strip()[-500:] or f"git {args[0]} failed")
    return proc.stdout.strip()


def local_head(repo: Path) -> tuple[str, str] | None:
    """``(branch, commit)`` of the repository, or ``None`` before its first commit."""
    try:
        commit = _git(repo, "rev-parse", "--verify", "-q", "HEAD")
    except PushError:
        return None
    branch = _git(repo, "symbolic-ref", "--short", "-q", "HEAD")
    return branch, commit


def _scrub(text: str, auth: PushAuth) -> str:
    text = re.sub(r"https?://[^\s]+", lambda m: safe_url(m.group(0)), text)
    for secret in (auth.token,):
        if secret:
            text = text.replace(secret, "***")
    lines = [line for line in text.splitlines() if line.strip()]
    return " / ".join(lines[-4:])[:500] or "git push failed"


def push(repo: Path, url: str, branch: str | None, auth: PushAuth, *, timeout: float = 120) -> str | None:
    """Push HEAD to ``branch`` (default: the local branch's name); returns the pushed commit,
    ``None`` when the repository has no commit yet.  Raises :class:`PushError`."""
    head = local_head(repo)
    if head is None:
        return None
    local_branch, commit = head
    target = branch or local_branch
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "SSH_ASKPASS"))}
    env.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    with tempfile.TemporaryDirectory(prefix="netraven-push-") as tmp:
        if auth.token:
            helper = Path(tmp) / "askpass.sh"
            helper.write_text(ASKPASS)
            helper.chmod(0o700)
            env.update({"GIT_ASKPASS": str(helper), "NETRAVEN_GIT_TOKEN": auth.token,
                        "NETRAVEN_GIT_USERNAME": auth.username or "netraven"})
        key_path = auth.ssh_key_path
        if auth.ssh_key:
            key_file = Path(tmp) / "id_key"
            key_file.touch(mode=0o600)
            key_file.write_text(auth.ssh_key if auth.ssh_key.endswith("\n") else auth.ssh_key + "\n")
            key_path = str(key_file)
        ssh = ["ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
               "-o", "ConnectTimeout=15"]
        if auth.known_hosts is not None:
            ssh += ["-o", f"UserKnownHostsFile={auth.known_hosts}"]
        if key_path:
            ssh += ["-i", key_path, "-o", "IdentitiesOnly=yes"]
        env["GIT_SSH_COMMAND"] = shlex.join(ssh)
        try:
            proc = subprocess.run(["git", "-C", str(repo), "push", "--porcelain", url,
                                   f"{commit}:refs/heads/{target}"],
                                  capture_output=True, text=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise PushError(f"git push did not finish within {timeout:g}s") from None
    if proc.returncode != 0:
        raise PushError(_scrub(f"{proc.stdout}\n{proc.stderr}", auth))
    return commit
