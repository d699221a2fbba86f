"""The server's dependencies point one way: no import cycle, and only the composition roots (the
app factory, the CLI, the consumer runner) import the Huey task module; business code enqueues
through ``netraven_server.service.ports``."""

from __future__ import annotations

import grimp
import pytest

TASKS = "netraven_server.service.tasks"
COMPOSITION_ROOTS = {"netraven_server.app", "netraven_server.cli.service", "netraven_server.service.workers"}


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("netraven_server", cache_dir=None)


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_in_the_server(graph):
    assert _cycles(graph) == []


def test_only_composition_roots_import_the_task_module(graph):
    importers = graph.find_modules_that_directly_import(TASKS)
    assert importers <= COMPOSITION_ROOTS, sorted(importers - COMPOSITION_ROOTS)


BUSINESS_LAYERS = ["netraven_server.services", "netraven_server.api", "netraven_server.web",
                   "netraven_server.notify", "netraven_server.jobtypes", "netraven_server.db"]


@pytest.mark.parametrize("layer", BUSINESS_LAYERS)
def test_business_layers_never_reach_the_task_module(graph, layer):
    modules = {m for m in graph.modules if m == layer or m.startswith(layer + ".")}
    assert not any(graph.chain_exists(m, TASKS) for m in modules)
