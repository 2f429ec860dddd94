"""The runtime architecture derived from the model, as plain JSON-able data: the reports
render it and findings.json carries it (`components`, and `flows` from Result.system).

describe_system(model) -> {
  "components": [{"id", "name", "kind", "paths", "uses": [component ids], "details"}],
  "flows": [{"name", "kind": request|streaming|background, "entry", "entry_kind", "route",
             "steps": [{"function", "label", "path", "line", "component", "call_line"?, "via"?}
                       | {"queue", "path", "line", "component", "maxsize"}],
             "sink": {"resource", "component", "factory", "call", "path", "line", "created_at"} | None,
             "components": [ids along the flow]}],
  "inventories": {"routes", "websockets", "middleware", "lifecycle", "workers", "routers",
                  "resources", "channels", "sql_tables", "timeouts", "health_checks",
                  "observability", "stateful_components", "single_points_of_failure",
                  "worker_coordination", "unresolved"},
  "scorecard": [{"area", "score": 0-10 | None, "max": 10, "basis", "facts"}],
  "examined": {what: count},
  "frameworks": {"served_by", "imported_without_entries", "unrecognised"} (model.framework_coverage),
}
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .metrics.layers import layers_of
from .model import inventories as inv
from .model.components import ComponentGraph
from .model.flows import FlowFinder
from .model.framework_coverage import framework_coverage, websocket_endpoint
from .model.observability import observability
from .model.scorecard import scorecard

if TYPE_CHECKING:
    from .model.app import EntryPoint, Resource
    from .model.project import ProjectModel
    from .rules.api import ProjectContext

FLOW_KINDS = {"http": "request", "websocket": "streaming", "worker": "background", "job": "background",
              "task": "background"}


def describe_system(model: "ProjectModel", ctx: "ProjectContext | None" = None) -> dict[str, Any]:
    """{"components", "flows", "inventories", "scorecard", "examined", "frameworks"} (see the module docstring).
    The component graph is the one the layer metrics and rules built for this run (it is
    built once per model), not a second copy."""
    graph = layers_of(model).graph
    flows = _flows(model, graph)
    inventories = _inventories(model, graph)
    stats = model.stats()
    examined = {
        "routes": len(inventories["routes"]),
        "websocket endpoints": len({websocket_endpoint(e) for e in model.app.of_kind("websocket")}),
        "middleware": len(inventories["middleware"]), "background workers and jobs": len(inventories["workers"]),
        "resources (pools, clients, external calls)": len(model.app.resources), "sql statements": len(model.app.sql),
        "components": len(graph.components), "flows": len(flows),
        "call sites resolved": stats["call_sites_resolved"], "call sites": stats["call_sites"],
        "modules": len(model.modules), "functions": len(model.functions),
    }
    return {
        "components": [c.to_dict() for c in graph.ordered()],
        "flows": flows,
        "inventories": inventories,
        "scorecard": scorecard(inventories),
        "examined": examined,
        "frameworks": framework_coverage(model),
    }


def _flows(model: "ProjectModel", graph: ComponentGraph) -> list[dict[str, Any]]:
    finder = FlowFinder(model, graph)
    flows: list[dict[str, Any]] = []
    for entry in model.app.entrypoints:
        kind = FLOW_KINDS.get(entry.kind)
        if kind and (entry.kind != "task" or entry.details.get("at_startup")):
            flows += finder.flow(entry, kind)
    return flows + finder.streams()


def _inventories(model: "ProjectModel", graph: ComponentGraph) -> dict[str, Any]:
    app = model.app
    timeouts = inv.timeout_inventory(app)
    health = inv.health_checks(model, graph)
    return {
        "routes": [_route(e) for e in app.of_kind("http")],
        "websockets": [_route(e) for e in app.of_kind("websocket")],
        "middleware": [_entry(e) for e in app.of_kind("middleware")],
        "lifecycle": [_entry(e) for e in app.of_kind("lifespan", "startup", "shutdown", "exception-handler")],
        "workers": [_entry(e) for e in app.of_kind("worker", "job", "task")],
        "routers": app.routers,
        "resources": [_resource(r) for r in app.resources],
        "channels": app.channels,
        "sql_tables": _tables(app.sql),
        "timeouts": timeouts,
        "health_checks": health,
        "observability": observability(model),
        "stateful_components": inv.stateful_components(model, graph),
        "single_points_of_failure": inv.single_points_of_failure(model, graph, health, timeouts),
        "worker_coordination": inv.worker_coordination(model, graph),
        "unresolved": app.unresolved,
    }


def _route(entry: "EntryPoint") -> dict[str, Any]:
    return {"methods": entry.methods, "route": entry.route, "function": entry.function, "path": entry.path,
            "line": entry.line, "runs_in": entry.runs_in, "dependencies": entry.dependencies,
            "router": entry.details.get("router", ""), "group": entry.details.get("group_prefix", ""),
            "mounted": entry.details.get("mounted", False),
            "registered_at": entry.details.get("registered_at", ""),
            "framework": entry.details.get("framework", ""),
            **({"handler_class": entry.details["handler_class"]} if entry.details.get("handler_class") else {})}


def _entry(entry: "EntryPoint") -> dict[str, Any]:
    data = {"kind": entry.kind, "name": entry.name, "function": entry.function, "path": entry.path,
            "line": entry.line, "runs_in": entry.runs_in,
            "started_at": f"{entry.started_at[0]}:{entry.started_at[1]}" if entry.started_at else ""}
    data.update({k: v for k, v in entry.details.items() if k not in ("config",)})
    return data


def _resource(resource: "Resource") -> dict[str, Any]:
    details = resource.details
    return {
        "kind": resource.kind, "library": resource.library, "factory": resource.factory,
        "path": resource.path, "line": resource.line, "function": resource.function, "binding": resource.binding,
        "target": details.get("store") or details.get("service") or "", "url": details.get("url", ""),
        "long_lived": details.get("long_lived", False), "one_shot": details.get("one_shot", False),
        "pool": details.get("pool", {}), "timeouts": details.get("timeouts", []),
        "users": sorted(resource.users), "operations": len(details.get("operations", ())),
        "unattributed_uses": details.get("unattributed_uses", 0),
    }


def _tables(sql: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for record in sql:
        for table in record["tables"]:
            row = tables.setdefault(table, {"table": table, "statements": 0, "operations": {}, "functions": set()})
            row["statements"] += 1
            row["operations"][record["operation"]] = row["operations"].get(record["operation"], 0) + 1
            row["functions"].add(record["function"])
    return [{**row, "functions": sorted(row["functions"])} for _, row in sorted(tables.items())]
