"""Job types: what a run does to each device.

Built-ins are ``backup``, ``reachability`` and ``inventory_sync``; plugins add more (or replace
one) through the ``netraven_job_types`` hook, each item ``{"name", "description", "run_device"}``
(optionally ``"options_schema"``, a marshmallow schema of its options) where
``run_device(context, device)`` takes a :class:`JobContext` and a :class:`DeviceSnapshot` and
returns a :class:`DeviceOutcome` (the types live in :mod:`.base`).  A built-in may also have
``run_stream(context, claim, on_outcome, host_key_sink, concurrency=)``, which the service
prefers (a run's devices then stream through a few tasks, :mod:`netraven_server.service.stream`),
and ``run_batch`` (a fixed batch of devices, :mod:`netraven_server.service.batch`).
``run_device`` is called in a worker thread, once per device, and should not raise (an
exception fails the device as ``unexpected``).

A *job-level* type gives ``run_job(context)`` instead: it runs once per run, with no target
devices, and returns ``{"status": "success"|"failed", "error", "summary"}`` (``inventory_sync``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..db.models import Device
from . import backup, backup_batch, inventory_sync, reachability
from .base import DeviceOutcome, DeviceSnapshot, JobContext
from .options import BackupOptions, InventorySyncOptions, ReachabilityOptions


def builtin_job_types() -> list[dict[str, Any]]:
    """The server's job types as the ``netraven_job_types`` hook contributes them."""
    return list(_builtins().values())


def _builtins() -> dict[str, dict[str, Any]]:
    return {
        "backup": {"name": "backup", "description": "Fetch, redact, version and diff the configuration.",
                   "run_device": backup.run_device, "run_batch": backup_batch.run_batch,
                   "run_stream": backup_batch.run_stream, "options_schema": BackupOptions},
        "reachability": {"name": "reachability",
                         "description": "TCP connect to the SSH port, plus ICMP ping where permitted.",
                         "run_device": reachability.run_device, "options_schema": ReachabilityOptions},
        "inventory_sync": {"name": "inventory_sync",
                           "description": "Create, update and disable devices from an inventory source "
                                          "(NetBox or a plugin's); never deletes a device.",
                           "run_job": inventory_sync.run_job, "options_schema": InventorySyncOptions},
    }


def _outcome(value: Any) -> Any:
    if isinstance(value, DeviceOutcome):
        return value
    if isinstance(value, dict) and "status" in value:
        known = DeviceOutcome.__dataclass_fields__
        fields_ = {k: v for k, v in value.items() if k in known}
        fields_["status"] = "success" if fields_["status"] in ("ok", "success") else "failed"
        return DeviceOutcome(**fields_)
    if value is True or value in ("ok", "success"):
        return DeviceOutcome("success")
    return DeviceOutcome("failed", error_category="unexpected", error=str(value)[:500])


def _per_device(run: Any) -> Any:
    """Adapt a ``run(context, devices) -> {hostname: result}`` job type to one device at a time."""

    def run_device(ctx: JobContext, device: DeviceSnapshot) -> Any:
        results = run(ctx, [device]) or {}
        return _outcome(results.get(device.hostname, "no result for this device"))

    return run_device


def _normalised(run_device: Any) -> Any:
    def wrapped(ctx: JobContext, device: DeviceSnapshot) -> Any:
        return _outcome(run_device(ctx, device))

    return wrapped


def job_types(registry: Any | None = None) -> dict[str, dict[str, Any]]:
    """Every known job type by name, each with a ``run_device``; plugin contributions override
    the built-ins."""
    types = _builtins()
    if registry is not None:
        for name, spec in registry.job_types.items():
            if callable(spec.get("run_job")):
                types[name] = dict(spec)
            elif callable(spec.get("run_device")):
                types[name] = {**spec, "run_device": _normalised(spec["run_device"])}
            elif callable(spec.get("run")):
                types[name] = {**spec, "run_device": _per_device(spec["run"])}
    return types


def is_job_level(job_type: str | None, registry: Any | None = None) -> bool:
    """True for a type that runs once per run (``run_job``) rather than once per device."""
    if registry is None:
        from ..services import catalogue

        registry = catalogue.registry()
    spec = job_types(registry).get(job_type or "")
    return spec is not None and callable(spec.get("run_job"))


def load_snapshot(session: Session, device_id: int) -> DeviceSnapshot | None:
    device = session.get(Device, device_id)
    return DeviceSnapshot.of(device) if device is not None else None


__all__ = ["DeviceOutcome", "DeviceSnapshot", "JobContext", "is_job_level", "job_types", "load_snapshot"]
