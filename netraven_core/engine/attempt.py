"""Fetching one device: credential fallback, retries with backoff, and the hard time limit.

The time limit is the whole budget of a device (every credential and every retry included).
Each attempt also gets it as the driver's per-operation timeout (capped by
``operation_timeout``), but the engine does not trust drivers to honour it: when the budget runs
out the attempt is abandoned, the driver's ``abort()`` is called, and the device fails with
``TIMEOUT`` — a hung device never stalls the run.

Blocking drivers run in a fresh *daemon* thread per attempt rather than a thread pool: a thread
stuck in a hung library call can't be killed, and in a pool it would hold a worker slot forever
and keep the interpreter from exiting.  Concurrency is bounded by the engine's semaphore.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..configtext.redact import scrub_secrets
from ..errors import ErrorCategory, FetchError
from ..models import ConnectionTarget, Credential, Device, FetchOutput, HostKeyMode, Platform
from .classify import classify
from .hostkeys import key_identity
from .scopes import scope_credentials

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttemptPolicy:
    """How hard to try one device.

    :param timeout: hard limit in seconds for the whole device (all attempts and backoff).
    :param retries: extra attempts per credential, only for retryable error categories.
    :param backoff_base: first backoff ceiling in seconds; attempt ``n`` waits a random time in
        ``[0, min(backoff_cap, backoff_base * 2**n)]`` ("full jitter").
    :param backoff_cap: largest backoff ceiling in seconds.
    :param operation_timeout: the driver's per-operation (connect/read) timeout; defaults to the
        remaining budget.
    :param abort_grace: seconds to wait for an abandoned attempt to wind down after ``abort()``.
    :param host_key_mode: how host keys are verified.
    """

    timeout: float = 60.0
    retries: int = 2
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    operation_timeout: float | None = None
    abort_grace: float = 2.0
    host_key_mode: HostKeyMode = HostKeyMode.TOFU

    def backoff(self, retry: int) -> float:
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * 2 ** retry))


@dataclass
class FetchOutcome:
    """What fetching one device came to."""

    output: FetchOutput | None = None
    credential: Credential | None = None
    attempts: int = 0
    error_category: ErrorCategory | None = None
    error: str | None = None


class _HardTimeout(Exception):
    """The device's time budget ran out during an attempt."""


def _check_host_key(device: Device, mode: HostKeyMode, known: str | None, seen: str | None) -> None:
    """Belt and braces after the driver's own check: a changed key is never accepted."""
    if mode is HostKeyMode.OFF:
        return
    if known is None:
        if mode is HostKeyMode.STRICT:
            raise FetchError(ErrorCategory.HOST_KEY,
                             f"no known host key for {device.hostname} and host key mode is strict")
        return
    if seen is not None and key_identity(seen) != key_identity(known):
        raise FetchError(ErrorCategory.HOST_KEY,
                         f"host key of {device.hostname} changed (remembered {known.split()[0]}, "
                         f"offered {seen.split()[0]})")


def check_complete(platform: Platform, output: FetchOutput) -> None:
    """An empty output, or one failing the platform's completeness check, is ``TRUNCATED``."""
    text = output.text
    if not text.strip():
        raise FetchError(ErrorCategory.TRUNCATED, "the device returned an empty configuration")
    pattern = platform.completeness_pattern
    if pattern and not re.search(pattern, text, re.MULTILINE):
        raise FetchError(ErrorCategory.TRUNCATED,
                         f"output of {len(text)} characters failed the {platform.name} completeness check")


def _settle(loop: asyncio.AbstractEventLoop, future: asyncio.Future[Any], value: Any, error: bool) -> None:
    def apply() -> None:
        if future.done():
            return
        if error:
            future.set_exception(value)
        else:
            future.set_result(value)
    try:
        loop.call_soon_threadsafe(apply)
    except RuntimeError:  # the loop is gone: the run ended without this (abandoned) thread
        pass


def run_in_daemon_thread(func: Callable[[], Any], name: str) -> asyncio.Future[Any]:
    """Run ``func`` in a new daemon thread; an asyncio future of its result."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def runner() -> None:
        try:
            result = func()
        except BaseException as exc:
            _settle(loop, future, exc, True)
        else:
            _settle(loop, future, result, False)

    threading.Thread(target=runner, name=name, daemon=True).start()
    return future


def _consume(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # marks it retrieved: no "exception was never retrieved" noise


async def _abort_quietly(driver: Any, is_async: bool, grace: float, hostname: str) -> None:
    try:
        if is_async:
            await asyncio.wait_for(driver.abort(), grace)
        else:
            done = run_in_daemon_thread(driver.abort, f"netraven-abort-{hostname}")
            await asyncio.wait({done}, timeout=grace)
            done.add_done_callback(_consume)
    except Exception as exc:
        log.debug("abort of %s raised %s", hostname, type(exc).__name__)


async def run_driver(driver_cls: type, target: ConnectionTarget, limit: float, grace: float) -> FetchOutput:
    """One attempt with one driver instance, abandoned after ``limit`` seconds."""
    hostname = target.device.hostname
    is_async = bool(getattr(driver_cls, "asynchronous", False))
    driver = driver_cls(target)
    if is_async:
        future: asyncio.Future[Any] = asyncio.ensure_future(driver.fetch())
    else:
        future = run_in_daemon_thread(driver.fetch, f"netraven-fetch-{hostname}")
    try:
        done, _ = await asyncio.wait({future}, timeout=max(limit, 0.0))
    except asyncio.CancelledError:
        future.cancel()
        await _abort_quietly(driver, is_async, grace, hostname)
        raise
    if future in done:
        if future.cancelled():  # not by us: don't let it cancel the whole run
            raise FetchError(ErrorCategory.UNEXPECTED, "the driver cancelled its own fetch")
        return future.result()
    future.cancel()
    await _abort_quietly(driver, is_async, grace, hostname)
    # Give a cancelled task the chance to clean up, but never wait on it beyond the grace.
    await asyncio.wait({future}, timeout=grace)
    future.add_done_callback(_consume)
    raise _HardTimeout


async def fetch_with_fallback(
    device: Device,
    platform: Platform,
    driver_cls: type,
    credentials: Sequence[Credential],
    policy: AttemptPolicy,
    *,
    deadline: float,
    known_host_key: str | None = None,
    driver_options: dict[str, Any] | None = None,
    sleep: Callable[[float], Awaitable[Any]] | None = None,
) -> FetchOutcome:
    """Try ``credentials`` in order until one works (see the module docstring for the rules).

    An authentication failure moves on to the next credential; a retryable failure is retried
    (up to ``policy.retries`` times per credential, with backoff); any other failure, or the
    deadline (``loop.time()`` based), ends the device.  Messages are scrubbed of every secret
    of every credential tried.
    """
    loop = asyncio.get_running_loop()
    secrets = [value for cred in credentials for value in cred.secret_values()]
    outcome = FetchOutcome()
    refused: list[str] = []
    try:
        # Scoped credentials go only to addresses inside their scopes; the connection is pinned
        # to the address checked (see engine.scopes).  ``device`` keeps naming the device.
        scoped = await scope_credentials(device, credentials)
    except FetchError as exc:
        outcome.error_category, outcome.error = exc.category, exc.message
        return outcome
    connect_to, credentials = scoped.device, scoped.credentials
    if scoped.out_of_scope:
        log.info("%s: credential(s) %s not sent: the address is outside their scopes", device.hostname,
                 ", ".join(scoped.out_of_scope))

    def fail(category: ErrorCategory, message: str) -> FetchOutcome:
        outcome.error_category = category
        outcome.error = scrub_secrets(message, secrets)
        return outcome

    for credential in credentials:
        for retry in range(policy.retries + 1):
            remaining = deadline - loop.time()
            if remaining <= 0:
                return fail(ErrorCategory.TIMEOUT, f"time limit of {policy.timeout:g}s reached "
                                                   f"after {outcome.attempts} attempt(s)")
            op_timeout = min(policy.operation_timeout or remaining, remaining)
            target = ConnectionTarget(device=connect_to, platform=platform, credential=credential,
                                      timeout=op_timeout, host_key_mode=policy.host_key_mode,
                                      known_host_key=known_host_key,
                                      driver_options=driver_options or {})
            outcome.attempts += 1
            try:
                output = await run_driver(driver_cls, target, remaining, policy.abort_grace)
                _check_host_key(device, policy.host_key_mode, known_host_key, output.host_key)
                check_complete(platform, output)
            except _HardTimeout:
                return fail(ErrorCategory.TIMEOUT, f"no complete answer within the {policy.timeout:g}s "
                                                   f"time limit (attempt {outcome.attempts} abandoned)")
            except FetchError as exc:
                category, message = exc.category, exc.message
            except Exception as exc:
                category, message = classify(exc, secrets=secrets)
            else:
                outcome.output, outcome.credential = output, credential
                return outcome
            message = scrub_secrets(message, secrets)
            log.debug("%s: attempt %d with credential %s failed [%s] %s", device.hostname,
                      outcome.attempts, credential.name, category.value, message)
            if category is ErrorCategory.AUTH:
                refused.append(credential.name)
                outcome.error_category, outcome.error = category, message
                break  # next credential
            if not category.retryable or retry == policy.retries:
                return fail(category, message)
            delay = policy.backoff(retry)
            if loop.time() + delay >= deadline:
                return fail(category, message)
            await (sleep or asyncio.sleep)(delay)
    if not credentials:
        return fail(ErrorCategory.AUTH, "no credential applies to this device (no shared tag)")
    names = ", ".join(refused)
    return fail(ErrorCategory.AUTH, f"every applicable credential was refused ({names}): {outcome.error}")
