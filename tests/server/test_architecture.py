"""The server's dependencies point one way: only the composition roots (the app factory, the CLI,
the consumer runner) import the Huey task module; business code enqueues through
``netraven_server.service.ports``.  (Import cycles: ``tests/test_architecture.py``.)"""

from __future__ import annotations

import grimp
import pytest

TASKS = "netraven_server.service.tasks"
COMPOSITION_ROOTS = {"netraven_server.app", "netraven_server.cli.service", "netraven_server.service.workers"}


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("netraven_server", cache_dir=None)


def test_only_composition_roots_import_the_task_module(graph):
    importers = graph.find_modules_that_directly_import(TASKS)
    assert importers <= COMPOSITION_ROOTS, sorted(importers - COMPOSITION_ROOTS)


BUSINESS_LAYERS = ["netraven_server.services", "netraven_server.api", "netraven_server.web",
                   "netraven_server.notify", "netraven_server.jobtypes", "netraven_server.db"]


@pytest.mark.parametrize("layer", BUSINESS_LAYERS)
def test_business_layers_never_reach_the_task_module(graph, layer):
    modules = {m for m in graph.modules if m == layer or m.startswith(layer + ".")}
    assert not any(graph.chain_exists(m, TASKS) for m in modules)
