"""Inventories for the architecture report, each a list of plain dicts computed from the
application model: timeouts, health checks, in-process state, single points of failure and
background worker coordination (observability is in observability.py)."""
from __future__ import annotations

import re
from collections import deque
from typing import TYPE_CHECKING, Any

from ..knowledge import clients as lib
from .workers import forward_reach

if TYPE_CHECKING:
    from .app import AppModel, Resource
    from .components import ComponentGraph
    from .project import ProjectModel

HEALTH_WORDS = re.compile(r"^(health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|"
                          r"ping|status|heartbeat|_health|__health)$", re.I)
# Words that name a probe only at the top of the API (`/status`, `/api/v1/ping`): under a resource
# they are that resource's state (`/api/mfa/status`, `/jobs/{id}/status`), not the service's health.
AMBIGUOUS_HEALTH_WORDS = frozenset({"status", "ping"})
_PREFIX_SEGMENT = re.compile(r"^(api|v\d+(\.\d+)?|_?internal|system|sys|meta|monitoring|ops|health|healthz|_)$", re.I)


def route_segments(route: str) -> list[str]:
    """The path segments of a route as written, with the regex anchors and optional slashes of a
    Tornado/Django-style pattern (`/health$`, `/api/?`, `^/metrics/?$`) removed."""
    plain = route.strip().lstrip("^").rstrip("$")
    plain = re.sub(r"/\?$", "", plain).rstrip("?")
    return [part for part in plain.split("/") if part]


def is_health_route(route: str) -> bool:
    """A route that serves as a health, liveness or readiness probe, judged by its path."""
    parts = route_segments(route)
    if not parts or not HEALTH_WORDS.match(parts[-1]):
        return False
    return parts[-1].lower() not in AMBIGUOUS_HEALTH_WORDS or all(_PREFIX_SEGMENT.match(p) for p in parts[:-1])


# the last segment of a liveness probe (`/livez`, `/health/liveness`), and the prefixes a
# component's probe sits under (`/health/ingest`, `/healthz/db`)
_LIVENESS_SEGMENTS = frozenset({"live", "livez", "liveness"})
_HEALTH_PREFIXES = frozenset({"health", "healthz", "healthcheck", "_health"})


def component_route(route: str) -> bool:
    """A component's probe under the health prefix (`/health/ingest`, `/healthz/db`)."""
    parts = route_segments(route)
    return len(parts) > 1 and parts[-2].lower() in _HEALTH_PREFIXES and not placeholder_segment(parts[-1])


def liveness_route(route: str) -> bool:
    """`/live`, `/livez`, `/health/liveness` (anchored Tornado patterns too)."""
    parts = route_segments(route)
    return bool(parts) and parts[-1].lower() in _LIVENESS_SEGMENTS


def placeholder_segment(part: str) -> bool:
    """A path parameter: `{id}`, or a regex group of a Tornado/Django pattern (`([^/]+)`)."""
    return "{" in part or "(" in part


LOCK_SQL = re.compile(r"pg_(try_)?advisory(_xact)?_lock|for\s+update\s+skip\s+locked", re.I)
_MAX_WALK = 5000  # functions visited per forward walk: bounds the cost on very large trees
MUTATING = frozenset({"append", "extend", "insert", "add", "update", "pop", "popitem", "remove", "discard", "clear",
                      "setdefault", "appendleft", "popleft", "__setitem__", "put_nowait"})


# ----- timeouts ----------------------------------------------------------------------------------
def timeout_inventory(app: "AppModel") -> list[dict[str, Any]]:
    """Every pool/client and every external call site that sets or needs its own timeout:
    configured value as written, library default, effective value."""
    rows: list[dict[str, Any]] = []
    for resource in app.resources:
        where = f"{resource.path}:{resource.line}"
        if not resource.details.get("one_shot"):
            for t in resource.details.get("timeouts", ()):
                rows.append(_row(resource, where, resource.factory, t, "client"))
        inherited = 0
        for op in resource.details.get("operations", ()):
            per_call = op.get("timeouts") or []
            if resource.details.get("one_shot"):
                for t in per_call:
                    rows.append(_row(resource, f"{op['path']}:{op['line']}", resource.factory, t, "call", op))
                continue
            shown = [t for t in per_call if t["present"] or t["default"] != lib.INHERIT]
            for t in shown:
                rows.append(_row(resource, f"{op['path']}:{op['line']}",
                                 f"{resource.details['creates']}.{op['method']}",
                                 t, "call", op))
            inherited += not shown
        if inherited:
            calls = "other call" if inherited == 1 else "other calls"
            rows.append({"where": where, "what": f"{inherited} {calls} on {resource.factory}",
                         "target": _target(resource), "phase": "inherited", "configured": "",
                         "default": "", "effective": "client configuration above", "bounded": None,
                         "scope": "summary", "function": ""})
    return rows


def _row(resource: "Resource", where: str, what: str, t: dict[str, Any], scope: str,
         op: dict | None = None) -> dict[str, Any]:
    effective = t["effective"]
    if effective == lib.INHERIT:
        client = [c for c in resource.details.get("timeouts", ()) if c["phase"] in (t["phase"], "all", "total")]
        effective = client[0]["effective"] if client else lib.UNKNOWN
    written = t["written"] if t["present"] else ""
    return {"where": where, "what": what, "target": _target(resource), "phase": t["phase"], "kwarg": t["kwarg"],
            "configured": _text(written) if t["present"] else "not set",
            "default": lib.describe_seconds(t["default"]) if t["default"] != lib.INHERIT else "client's",
            "effective": lib.describe_seconds(effective), "bounded": _bounded(effective), "scope": scope,
            "function": (op or {}).get("function", resource.function), "note": t.get("note", "")}


def _bounded(value: Any) -> bool | None:
    if value is None:
        return False
    if value in (lib.UNKNOWN, lib.INHERIT):
        return None
    return True


def _text(value: Any) -> str:
    if value is None:
        return "None"
    return str(value)


def _target(resource: "Resource") -> str:
    return resource.details.get("store") or resource.details.get("service") or resource.library


# ----- health checks -----------------------------------------------------------------------------
def health_checks(model: "ProjectModel", graph: "ComponentGraph") -> dict[str, Any]:
    """Health endpoints, what each really probes, and the dependencies none of them probe."""
    app = model.app
    dependencies = sorted({c.name for c in graph.components.values()
                           if c.kind in ("database", "cache", "broker", "search", "storage", "external-service")})
    endpoints = []
    for entry in app.of_kind("http"):
        if not is_health_route(entry.route) or entry.function not in model.functions:
            continue
        last = route_segments(entry.route)[-1]
        probed = _probed(model, graph, entry.function)
        kind = "readiness" if "read" in last.lower() else "liveness"
        endpoints.append({"route": entry.route, "methods": entry.methods, "function": entry.function,
                          "path": entry.path, "line": entry.line, "kind": kind,
                          "probes": sorted(probed), "static": not probed,
                          "bounded": _has_wait_for(model, entry.function)})
    probed_all = {p for e in endpoints for p in e["probes"]}
    return {"endpoints": endpoints, "dependencies": dependencies,
            "unprobed": [d for d in dependencies if d not in probed_all],
            "has_liveness": any(e["kind"] == "liveness" for e in endpoints),
            "has_readiness": any(e["kind"] == "readiness" and e["probes"] for e in endpoints)}


def _probed(model: "ProjectModel", graph: "ComponentGraph", fq: str) -> set[str]:
    seen, queue, found = {fq}, deque([fq]), set()
    while queue and len(seen) < _MAX_WALK:
        current = queue.popleft()
        for resource, _ in graph.uses_by_function.get(current, ()):
            found.add(graph.components[graph.resource_component[resource.details["key"]]].name)
        for edge in model.edges.get(current, ()):
            callee = model.callee_function(edge.target)
            if callee and callee not in seen:
                seen.add(callee)
                queue.append(callee)
    return found


def _has_wait_for(model: "ProjectModel", fq: str) -> bool:
    return any(e.target.name in ("asyncio.wait_for", "asyncio.timeout", "anyio.fail_after", "async_timeout.timeout")
               for e in model.edges.get(fq, ()))


# ----- state -------------------------------------------------------------------------------------
def stateful_components(model: "ProjectModel", graph: "ComponentGraph") -> list[dict[str, Any]]:
    """Per component: the in-process state its functions mutate at run time (self attributes
    of long-lived instances, module-level containers), or none."""
    rows = []
    for comp in graph.ordered():
        if comp.kind not in ("route-group", "websocket", "worker", "service", "data-layer", "middleware"):
            continue
        state = _state_of(model, comp.functions)
        rows.append({"component": comp.name, "id": comp.id, "kind": comp.kind, "stateful": bool(state),
                     "state": state})
    return rows


def _state_of(model: "ProjectModel", functions: list[str]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for fq in functions:
        if fq not in model.functions:
            continue
        facts, func = model.functions[fq]
        if func.name == "__init__":
            continue
        for store in func.extra.get("stores", ()):
            target = store.get("target", "")
            if target.startswith("self.") and target.count(".") == 1:
                _note(found, target, facts.path, store["line"])
            elif "." not in target and target in facts.assigns and facts.assigns[target].mutable:
                _note(found, f"{facts.module}.{target}", facts.path, store["line"])
        for site in func.calls:
            chain = site.func or ()
            if len(chain) >= 2 and chain[-1] in MUTATING:
                base = chain[:-1]
                if base[0] == "self" and len(base) >= 2 and "[]" not in base[1:2]:
                    _note(found, f"self.{base[1]}", facts.path, site.line)
                elif len(base) == 1 and base[0] in facts.assigns and facts.assigns[base[0]].mutable:
                    _note(found, f"{facts.module}.{base[0]}", facts.path, site.line)
    return [found[k] for k in sorted(found)]


def _note(found: dict[str, dict[str, Any]], name: str, path: str, line: int) -> None:
    entry = found.setdefault(name, {"name": name, "path": path, "line": line, "writes": 0})
    entry["writes"] += 1


# ----- single points of failure --------------------------------------------------------------
_DEPENDENCY_KINDS = ("database", "cache", "broker", "search", "storage", "external-service")


def single_points_of_failure(model: "ProjectModel", graph: "ComponentGraph",
                             health: dict[str, Any], timeouts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each store and external service with the entry points that depend on it (computed
    backwards from the functions that use it: one pass over the call graph per dependency)."""
    entries = [e for e in model.app.entrypoints if e.kind in ("http", "websocket", "worker", "job")]
    return [_failure_row(comp, _dependents(model, graph, comp, entries), entries, health, timeouts)
            for comp in graph.ordered() if comp.kind in _DEPENDENCY_KINDS]


def _dependents(model: "ProjectModel", graph: "ComponentGraph", comp: Any, entries: list) -> list:
    """The entries that fail with `comp`: those whose handler, or a dependency they are given, reaches
    a function using one of its resources (a provider's failure fails the request it serves)."""
    users = {fq for fq, uses in graph.uses_by_function.items()
             if fq in model.functions and any(graph.resource_component[r.details["key"]] == comp.id
                                              for r, _ in uses)}
    reaching = set(model.reach({u: None for u in users}, lambda edge: True))
    return [e for e in entries if e.function in reaching or reaching & set(e.dependencies)]


def _failure_row(comp: Any, dependents: list, entries: list, health: dict[str, Any],
                 timeouts: list[dict[str, Any]]) -> dict[str, Any]:
    """The report's row for one dependency: what fails with it, counted by kind against all routes,
    whether a health check would notice, and the calls to it that could hang without a timeout."""
    unbounded = sorted({t["where"] for t in timeouts if t["target"] == comp.name and t["bounded"] is False})
    return {
        "dependency": comp.name, "kind": comp.kind, "instances": len(comp.details.get("resources", [])),
        "routes": _count(dependents, ("http",)),
        "routes_total": _count(entries, ("http",)),
        "websockets": _count(dependents, ("websocket",)),
        "workers": _count(dependents, ("worker", "job")),
        "probed_by_health_check": comp.name not in health["unprobed"],
        "unbounded_calls": unbounded,
    }


def _count(entries: list, kinds: tuple[str, ...]) -> int:
    """How many of `entries` are of one of `kinds`."""
    return sum(1 for e in entries if e.kind in kinds)


# ----- workers -----------------------------------------------------------------------------------
def worker_coordination(model: "ProjectModel", graph: "ComponentGraph") -> list[dict[str, Any]]:
    """Each worker/job: how it is started, its loop and interval, what it touches, and what
    (if anything) keeps two replicas from doing the same work at once."""
    app = model.app
    rows = []
    lock_sql = [r for r in app.sql if LOCK_SQL.search(r["text"])]  # matched once, not per worker
    queues = [(c.name, set(c.details.get("producers", [])) | set(c.details.get("consumers", [])))
              for c in graph.components.values() if c.kind == "queue"]
    for entry in app.of_kind("worker", "job", "task"):
        if entry.kind == "task" and not entry.details.get("at_startup"):
            continue
        reached = forward_reach(model, [entry.function], _MAX_WALK)
        touches = sorted({graph.components[graph.resource_component[r.details["key"]]].name
                          for fq in reached for r, _ in graph.uses_by_function.get(fq, ())})
        locks = _locks(model, reached, lock_sql)
        loop = entry.details.get("loop") or {}
        rows.append({
            "worker": entry.name, "function": entry.function, "path": entry.path, "line": entry.line,
            "kind": entry.kind, "runs_in": entry.runs_in,
            "started_at": f"{entry.started_at[0]}:{entry.started_at[1]}" if entry.started_at else "",
            # in-process schedulers (APScheduler, repeat_every) run their jobs in every web replica
            "in_every_replica": (bool(entry.details.get("at_startup")) and entry.kind != "job")
            or entry.details.get("framework") in ("apscheduler", "repeat_every"),
            "at_startup": bool(entry.details.get("at_startup")),
            "framework": entry.details.get("framework", ""),
            "loop": f"{loop.get('path', '')}:{loop.get('line', '')}" if loop else "",
            "interval": loop.get("sleep", "") if loop else "", "stream": loop.get("stream", "") if loop else "",
            "kept_reference": entry.details.get("kept_reference", True),
            "touches": touches, "coordination": locks,
            "shares_queue": sorted({name for name, ends in queues if ends & reached}),
        })
    return rows


def _locks(model: "ProjectModel", functions: set[str], lock_sql: list[dict[str, Any]]) -> list[str]:
    """Distributed coordination seen on the worker's paths: redis locks, SET NX, advisory
    locks and SKIP LOCKED queries (`lock_sql`: the SQL records that take a lock)."""
    found = []
    for fq in sorted(functions):
        facts, func = model.functions[fq]
        for edge in model.edges.get(fq, ()):
            name = edge.target.name
            if edge.target.kind == "external" and name.startswith(("redis", "aioredis")) and (
                    name.endswith(".lock") or (name.endswith(".set") and edge.site.kwargs.get("nx") is True)):
                found.append(f"{name} at {facts.path}:{edge.site.line}")
    for record in lock_sql:
        if record["function"] in functions:
            found.append(f"SQL lock at {record['path']}:{record['line']}")
    return found
