"""The package layering (docs/architecture.md): no import cycles, and the core stays server-free.

Checked on the import graph (grimp), which counts imports inside functions too, so a cycle hidden
in a function body is found as well.  A package joins the cycle check by being added to PACKAGES.
"""

from __future__ import annotations

import itertools

import grimp
import pytest

PACKAGES = (
    "netraven_core",
    "netraven_plugins",
    "netraven_server",
)
# The core is a library: never the web framework, the task queue or the ORM.
FORBIDDEN_IN_CORE = ("flask", "flask_smorest", "sqlalchemy", "alembic", "huey", "redis", "psycopg")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # Imports under `if TYPE_CHECKING:` never run, so they cannot form a cycle at import time.
    return grimp.build_graph(*PACKAGES, include_external_packages=True, exclude_type_checking_imports=True)


def _cycle_through(graph: grimp.ImportGraph, module: str) -> list[str] | None:
    for imported in graph.find_modules_directly_imported_by(module):
        if imported.split(".")[0] not in PACKAGES:
            continue
        back = graph.find_shortest_chain(importer=imported, imported=module)
        if back:
            return [module, *back]
    return None


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycles(graph, package):
    cycles = []
    for module in sorted(graph.find_descendants(package) | {package}):
        cycle = _cycle_through(graph, module)
        # A package importing its own submodules (its front door) is not a cycle of concern when
        # the submodule reaches back only through that package's lazy __getattr__; grimp cannot
        # see laziness, so parents are left out and only sibling-to-sibling cycles count.
        if cycle and not any(b.startswith(a + ".") or a.startswith(b + ".")
                             for a, b in itertools.pairwise(cycle)):
            cycles.append(" -> ".join(cycle))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("forbidden", FORBIDDEN_IN_CORE)
def test_core_imports_no_server_dependency(graph, forbidden):
    importers = graph.find_modules_that_directly_import(forbidden) if forbidden in graph.modules else set()
    assert not {m for m in importers if m.startswith("netraven_core")}
