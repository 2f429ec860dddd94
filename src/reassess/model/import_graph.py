"""The graph of which project module imports which, and the cycles among the imports that run
when a module is loaded (not those inside functions, under TYPE_CHECKING or a main guard)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import networkx as nx

from ..facts.types import ModuleFacts
from .symbols import imported_module

if TYPE_CHECKING:
    from .project import ProjectModel


def build_import_graph(modules: Iterable[ModuleFacts], names: set[str]) -> nx.DiGraph:
    """Module -> imported project module, with the first line (`line`), whether any of the imports
    runs at import time (`runtime`) and the first such line (`line_runtime`, 0 when none does)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(names))
    for facts in modules:
        for imp in facts.imports:
            target = imported_module(facts, imp, names)
            if target is None or target == facts.module:
                continue
            runtime = not (imp.in_function or imp.type_checking or imp.main_guard)
            if graph.has_edge(facts.module, target):
                data = graph.edges[facts.module, target]
                data["runtime"] = data["runtime"] or runtime
                if runtime and (not data["line_runtime"] or imp.line < data["line_runtime"]):
                    data["line_runtime"] = imp.line
            else:
                graph.add_edge(facts.module, target, line=imp.line, runtime=runtime,
                               line_runtime=imp.line if runtime else 0)
    return graph


def runtime_import_graph(model: "ProjectModel") -> nx.DiGraph:
    """Every project module, with only the import edges that run when the importer is loaded
    (built once per run)."""
    def build() -> nx.DiGraph:
        graph = model.import_graph
        runtime = nx.DiGraph([(a, b) for a, b, data in graph.edges(data=True) if data["runtime"]])
        runtime.add_nodes_from(graph.nodes)
        return runtime
    return model.memo("import_graph.runtime", build)


def runtime_cycles(model: "ProjectModel") -> list[list[str]]:
    """Strongly connected groups of modules importing each other at import time, sorted."""
    runtime = runtime_import_graph(model)
    return sorted(sorted(c) for c in nx.strongly_connected_components(runtime) if len(c) > 1)
