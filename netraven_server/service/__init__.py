"""The scheduled service: the task queue and its tasks, run execution and lifecycle, the
scheduler, the watchdog, group commit, worker heartbeats, metrics and status.

Dependencies point one way: ``tasks`` (the Huey task module, imported only by the composition
roots and the consumer) -> the business modules here -> ``ports`` (through which they enqueue).
"""
