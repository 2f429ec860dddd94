"""Layers of the served code and the coupling between modules, from the import and call graphs.

A module's layer comes from what the model proved about it, never from its name:
"http" if it defines route or websocket handlers, "worker" if it defines background
workers or jobs, "data" if a data-layer component (code that runs database operations)
lives in it, "service" if a service component does (see model/components.py). Modules
that are none of these (models, settings, helpers) have no layer. Built once per model.
A module that serves its own aiohttp application (builds its routes and starts its runner: a
relay, a probe server) is a component other code starts, not a web layer it sits under.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..knowledge.servers import SERVER_STARTS
from ..model.app import is_offline_module
from ..model.components import Component, ComponentGraph

if TYPE_CHECKING:
    from ..model.project import ProjectModel

_ATTR = "_reassess_layers"
LAYER_NAMES = {"http": "HTTP layer (routes, websockets)", "worker": "workers", "service": "services",
               "data": "data layer"}
RANK = {"data": 0, "service": 1, "worker": 2, "http": 2}
TOP = 10


@dataclass
class Layers:
    graph: ComponentGraph
    of_module: dict[str, str] = field(default_factory=dict)  # module -> layer
    served: list[str] = field(default_factory=list)  # modules of the running system (no tests, no migrations)
    components_of: dict[str, list[Component]] = field(default_factory=dict)  # module -> service/data components
    served_set: frozenset[str] = frozenset()  # the same, for membership tests

    def layer(self, module: str) -> str:
        return self.of_module.get(module, "")

    def imports(self, model: "ProjectModel", module: str) -> list[str]:
        """Served project modules this module imports (at any place in it)."""
        return sorted(t for t in model.import_graph.successors(module) if t in self.served_set)


def layers_of(model: "ProjectModel") -> Layers:
    cached = getattr(model, _ATTR, None)
    if cached is None:
        cached = _build(model)
        setattr(model, _ATTR, cached)
    return cached


def _build(model: "ProjectModel") -> Layers:
    graph = ComponentGraph(model).build()
    layers = Layers(graph)
    layers.served = sorted(m for m, f in model.modules.items() if not is_offline_module(f))
    served = layers.served_set = frozenset(layers.served)
    for comp in graph.components.values():
        if comp.kind not in ("service", "data-layer"):
            continue
        for path in sorted(set(comp.paths)):
            facts = model.by_path.get(path)
            if facts is not None and facts.module in served:
                layers.components_of.setdefault(facts.module, []).append(comp)
    for module, comps in layers.components_of.items():
        layers.of_module[module] = "data" if any(c.kind == "data-layer" for c in comps) else "service"
    self_served = _serving_own_app(model)
    for entry in model.app.entrypoints:
        if entry.function not in model.functions:
            continue
        module = model.functions[entry.function][0].module
        if module not in served:
            continue
        if entry.kind in ("http", "websocket") and module in self_served and entry.details.get("framework"):
            continue
        if entry.kind in ("http", "websocket"):
            layers.of_module[module] = "http"
        elif entry.kind in ("worker", "job") and layers.of_module.get(module) != "http":
            layers.of_module[module] = "worker"
    return layers


def _serving_own_app(model: "ProjectModel") -> set[str]:
    """Modules one of whose functions starts an aiohttp server (`web.AppRunner(app)`, `web.run_app`)."""
    return {model.functions[edge.caller][0].module for edge in model.calls_to(*SERVER_STARTS)}


def coupling_metrics(model: "ProjectModel") -> dict[str, Any]:
    """Fan-in, fan-out and instability per served module (imports between project modules),
    the modules calling into the most others, and the import edges between layers."""
    layers = layers_of(model)
    served = layers.served_set
    fan_out = {m: layers.imports(model, m) for m in layers.served}
    fan_in: dict[str, set[str]] = {m: set() for m in layers.served}
    for module, targets in fan_out.items():
        for target in targets:
            fan_in[target].add(module)
    calls = _calls_into(model, served)
    rows = []
    for module in layers.served:
        out, inn = len(fan_out[module]), len(fan_in[module])
        rows.append({"module": model.modules[module].path, "layer": layers.layer(module) or "-",
                     "imports": out, "imported_by": inn,
                     "instability": round(out / (out + inn), 2) if out + inn else 0.0,
                     "calls_into_modules": len(calls.get(module, ()))})
    between: dict[tuple[str, str], int] = {}
    for module, targets in fan_out.items():
        for target in targets:
            pair = (layers.layer(module), layers.layer(target))
            if all(pair) and pair[0] != pair[1]:
                between[pair] = between.get(pair, 0) + 1
    outs = [r["imports"] for r in rows]
    return {
        "modules": len(rows),
        "import_edges": sum(outs),
        "mean_imports": round(sum(outs) / len(outs), 1) if outs else 0.0,
        "max_imports": max(outs, default=0),
        "layer_modules": {LAYER_NAMES[k]: sum(1 for m in layers.served if layers.layer(m) == k) for k in LAYER_NAMES},
        "most_dependent": sorted(rows, key=lambda r: (-r["imports"], r["module"]))[:TOP],
        "most_depended_on": sorted(rows, key=lambda r: (-r["imported_by"], r["module"]))[:TOP],
        "between_layers": [{"from": LAYER_NAMES[a], "to": LAYER_NAMES[b], "imports": n}
                           for (a, b), n in sorted(between.items(), key=lambda kv: (RANK[kv[0][0]], kv[0]))],
    }


def _calls_into(model: "ProjectModel", served: set[str]) -> dict[str, set[str]]:
    """Per module: the other served modules whose functions or classes it calls."""
    out: dict[str, set[str]] = {}
    for fq, edges in model.edges.items():
        caller = model.functions[fq][0].module
        if caller not in served:
            continue
        for edge in edges:
            if edge.target.kind == "function" and edge.target.name in model.functions:
                module = model.functions[edge.target.name][0].module
            elif edge.target.kind == "class" and edge.target.name in model.classes:
                module = model.classes[edge.target.name][0].module
            else:
                continue
            if module != caller and module in served:
                out.setdefault(caller, set()).add(module)
    return out
