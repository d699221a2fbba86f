"""Fanning a run out into tasks: streams for job types that stream (the backup), batches for
those with batches, one task per device otherwise."""

from __future__ import annotations

from ..db.models import RunStatus
from ..jobtypes import job_types
from .batch import batches
from .execution import execute_job_level
from .lifecycle import ensure_results, pending_device_ids
from .ports import task_queue
from .runtime import Runtime
from .stream import streams_for


def dispatch_run(rt: Runtime, run_id: int) -> int:
    """Enqueue the pending devices of the run: in streams or batches when the job type has them,
    else one task per device; returns how many devices.  A job-level type (``run_job``) runs
    here, in this task, instead."""
    with rt.db.session() as s:
        run = ensure_results(s, run_id)
        job_type = run.job_type if run is not None else None
        pending = run is not None and run.status == RunStatus.PENDING
    spec = job_types(rt.registry).get(job_type or "") or {}
    if callable(spec.get("run_job")):
        if pending:
            execute_job_level(rt, run_id, spec)
        return 0
    with rt.db.session(readonly=True) as s:
        device_ids = pending_device_ids(s, run_id)
    enqueue_devices(rt, run_id, job_type, device_ids)
    return len(device_ids)


def enqueue_devices(rt: Runtime, run_id: int, job_type: str | None, device_ids: list[int]) -> int:
    """Enqueue devices of a run in streams, batches or one task each, as its job type runs them;
    returns how many tasks.

    The watchdog re-sends a run's pending devices through here too.  Streams claim whatever of
    the run is pending, so a process already streaming the run drops a re-sent stream at once,
    and a lost run is recovered at the stream's speed instead of one task per device competing
    with the streams still at work.
    """
    spec = job_types(rt.registry).get(job_type or "") or {}
    if callable(spec.get("run_stream")) and len(device_ids) > 1:
        count = streams_for(len(device_ids))
        for _ in range(count):
            task_queue().run_stream(run_id)
        return count
    if callable(spec.get("run_batch")) and len(device_ids) > 1:
        chunks = batches(device_ids)
        for chunk in chunks:
            task_queue().run_devices(run_id, chunk)
        return len(chunks)
    for device_id in device_ids:
        task_queue().run_device(run_id, device_id)
    return len(device_ids)
