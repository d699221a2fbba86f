"""The server's built-in job types reach the service through the ``netraven_job_types`` hook,
like a third-party plugin's, and a plugin's job type of the same name replaces a built-in."""

from __future__ import annotations

from netraven_core.plugins import Registry, get_plugin_manager
from netraven_server import plugin as server_plugin
from netraven_server.jobtypes import backup, job_types
from netraven_server.services import catalogue


class Replacement:
    @staticmethod
    def run_device(ctx, device):
        return {"status": "success"}

    from netraven_core.hookspecs import hookimpl

    @hookimpl
    def netraven_job_types(self):
        return [{"name": "reachability", "description": "replaced", "run_device": self.run_device}]


def test_builtins_come_through_the_hook():
    reg = Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[server_plugin]))
    assert {"backup", "reachability"} <= set(reg.job_types)
    assert reg.job_types["backup"]["run_device"] is backup.run_device
    catalogue.set_registry(reg)
    try:
        from netraven_server.services.jobs import job_types as names

        assert {"backup", "reachability"} <= set(names())
    finally:
        catalogue.set_registry(None)


def test_a_plugin_replaces_a_builtin_job_type():
    reg = Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[server_plugin, Replacement()]))
    assert reg.job_types["reachability"]["description"] == "replaced"
    assert job_types(reg)["reachability"]["description"] == "replaced"
