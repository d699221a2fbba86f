"""The hooks NetRaven plugins implement.

Every hook is prefixed ``netraven_``.  Contribution hooks (drivers, platforms, redaction rules,
storage backends, notifier types, inventory sources) are *fan-out*: pluggy calls every
implementation and the results are merged, the first contribution of a name winning.  Because the
built-in plugins are registered ``trylast``, a third-party plugin that contributes a name that
already exists replaces the built-in one.  *Pick-one* hooks are ``firstresult``: the first
implementation that returns something other than ``None`` decides.

The hook reference in ``docs/hooks.md`` documents the same hooks; a test keeps the two in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover - imports for annotations only
    import click

    from .models import Device, Event, Platform, RedactionRule
    from .simulator.profiles import Profile

PROJECT_NAME = "netraven"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def netraven_drivers() -> list[type]:
    """Contribute device driver classes.

    Fan-out: every implementation is called; the classes are indexed by their ``name`` class
    attribute (the first contribution of a name wins, so third-party plugins override built-ins).
    A class satisfies :class:`netraven_core.protocols.Driver` (blocking, run in a worker thread)
    or :class:`netraven_core.protocols.AsyncDriver` (awaited on the engine's event loop), as its
    ``asynchronous`` class attribute says.

    :return: a list of driver classes.
    """


@hookspec(firstresult=True)
def netraven_driver_for_device(device: Device, platform: Platform) -> str | None:
    """Choose the driver that backs up ``device``.

    Pick-one (``firstresult``): the first implementation returning a driver name decides.  The
    built-in implementation (called last) returns ``device.driver`` when the inventory overrides
    it, else ``platform.default_driver``.

    :param device: the device about to be backed up.
    :param platform: the device's platform definition.
    :return: a driver name known to :func:`netraven_drivers`, or ``None`` to let the next
        implementation decide.
    """


@hookspec
def netraven_platforms() -> list[Platform]:
    """Contribute platform definitions, as data.

    Fan-out: indexed by ``Platform.name``; the first contribution of a name wins.  A platform says
    how to reach privileged mode, which commands make the backup (per driver in
    ``Platform.drivers``), the volatile lines to drop and its comment style, so a plugin adds a
    platform without touching core.

    :return: a list of :class:`netraven_core.models.Platform`.
    """


@hookspec
def netraven_redaction_rules() -> list[RedactionRule]:
    """Contribute redaction rules.

    Fan-out: all rules from all plugins apply (a rule's ``name`` is unique; a later contribution
    of the same name is ignored, so a plugin can replace a built-in rule by reusing its name).
    A rule with an empty ``platforms`` set is generic and applies to every platform, including
    unknown ones; otherwise it applies to the platforms it names.

    :return: a list of :class:`netraven_core.models.RedactionRule`.
    """


@hookspec
def netraven_storage_backends() -> list[type]:
    """Contribute storage backend classes.

    Fan-out: indexed by the ``name`` class attribute (built-ins: ``git`` and ``filesystem``).
    Each class satisfies :class:`netraven_core.protocols.Storage`.

    :return: a list of storage classes.
    """


@hookspec
def netraven_notifier_types() -> list[type]:
    """Contribute notifier classes (configurable event destinations).

    Fan-out: indexed by the ``name`` class attribute (built-ins: ``log`` and ``webhook``).  Each
    class satisfies :class:`netraven_core.protocols.Notifier` and is instantiated with the
    options the user configured (for example ``url`` and ``timeout`` for ``webhook``).

    :return: a list of notifier classes.
    """


@hookspec
def netraven_event(event: Event) -> None:
    """React to an event: device backed up, configuration changed (with the redacted diff),
    device failed after retries, run finished.

    Fan-out: every implementation is called for every event, after the configured notifiers.
    Exceptions are caught and logged; they never break a run.  Implementations should return
    quickly (hand slow work to a thread or queue).

    :param event: the :class:`netraven_core.models.Event`; secrets are already redacted.
    :return: ignored.
    """


@hookspec
def netraven_inventory_sources() -> list[type]:
    """Contribute inventory source classes.

    Fan-out: indexed by the ``name`` class attribute (built-ins: ``yaml`` and ``csv``).  Each class
    satisfies :class:`netraven_core.protocols.InventorySource`; a file is matched to a source by
    its ``suffixes``.

    :return: a list of inventory source classes.
    """


@hookspec
def netraven_simulator_profiles() -> list[Profile]:
    """Contribute simulator profiles: how a platform's devices behave, for ``netraven simulate``.

    Fan-out: indexed by ``Profile.name`` (the platform name); the first contribution of a name
    wins, so a plugin can replace a built-in profile.  A profile is data
    (:class:`netraven_core.simulator.profiles.Profile`): prompts, enable dialogue, replies to
    setup commands, error replies, pager prompt, quirks, and the ``config`` generator of the
    configuration the device serves.  A plugin that adds a platform contributes its profile
    here so that its users can test it without hardware.

    :return: a list of :class:`netraven_core.simulator.profiles.Profile`.
    """


@hookspec
def netraven_cli_commands(cli: click.Group) -> None:
    """Add commands to the ``netraven`` command line.

    Fan-out: every implementation is called once with the root :class:`click.Group` and may call
    ``cli.add_command(...)``.

    :param cli: the root command group.
    :return: ignored.
    """


@hookspec
def netraven_job_types() -> list[dict[str, Any]]:
    """Contribute job types the service can schedule (built-ins: ``backup``, ``reachability``).

    Fan-out: indexed by ``name``, first contribution wins; a contribution named like a built-in
    replaces it.  Each item is ``{"name": str, "description": str}`` plus one of:

    - ``"run_device": callable(context, device)`` (preferred): called once per device, each
      device being its own task on a worker thread.  ``context`` is a
      ``netraven_server.jobtypes.JobContext`` (``runtime``, ``run_id``, ``job_id``, ``options``,
      ``session()``), ``device`` a ``netraven_server.jobtypes.DeviceSnapshot`` (``id``,
      ``hostname``, ``host``, ``port``, ``platform``, ``tags``, ``vars``...).  It returns a
      ``netraven_server.jobtypes.DeviceOutcome`` (or a dict of its fields, at least ``status``:
      ``"success"`` or ``"failed"``).
    - ``"run": callable(context, devices)``: called with a one-device list and returns
      ``{hostname: result}``, where a result is ``"ok"``/``"success"``/``True`` for success,
      a dict with ``status``, or anything else (its text becomes the failure message).

    An exception fails the device with category ``unexpected``; it never ends the run.

    :return: a list of job type descriptions.
    """
