"""Probes for RA103 (broad_except): functions whose contract is to turn any failure into a status
(health checks, status queries, routes at a probe path), where a catch-all is the right design."""
from __future__ import annotations

import ast
import re

from ...facts.types import ModuleFacts
from ...facts.values import dotted_str
from .handlers import Handler, mentions, named_as

# Functions whose job is to turn any failure into a status: a broad catch is their contract.
PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "ready", "readiness", "readyz", "liveness", "livez",
                         "ping", "probe", "heartbeat"})


def is_probe(handler: Handler) -> bool:
    """Named as a probe, or answering with a member of the status type it is annotated to return
    (`check_network() -> NetworkStatus` answering, or setting, `NetworkStatus.NOT_CONNECTED`)."""
    return named_as(handler.function, PROBE_WORDS) or routed_at_probe(handler.scope) or _answers_status(handler) \
        or _sets_status(handler) or _status_query_answers_status(handler)


def inside_probe_route(handler: Handler, tree: ast.AST) -> bool:
    """A helper defined inside a probe endpoint (`async def check(name, probe)` in the
    `/health/deps` route, recording each dependency's failure as its status): the helper is the
    probe's own body split out, so the endpoint's contract is its contract."""
    inner = handler.scope
    if "<locals>" not in handler.function or inner is None:
        return False
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node is not inner
               and node.lineno < inner.lineno <= (node.end_lineno or node.lineno) and routed_at_probe(node)
               for node in ast.walk(tree))


def routed_at_probe(function: ast.AST | None, prefixes: dict[str, str] | None = None) -> bool:
    """The function is decorated with a route whose path has a probe word (`/health/deps`), the
    prefix of the module's router included (`@router.get("/dependencies")` on
    `router = APIRouter(prefix="/health")`)."""
    decorators = getattr(function, "decorator_list", ())
    paths = [_prefix_of(d.func, prefixes or {}) + d.args[0].value for d in decorators
             if isinstance(d, ast.Call) and d.args
             and isinstance(d.args[0], ast.Constant) and isinstance(d.args[0].value, str)]
    return any(_probe_path(path) for path in paths)


def _probe_path(path: str) -> bool:
    """`/health/deps`, `/api/readyz`: a path with a probe word between its separators."""
    return bool(PROBE_WORDS & set(re.split(r"[/_.-]", path.lower())))


_ROUTE_CALLS = frozenset({"Route", "APIRoute", "add_route", "add_api_route"})


def probe_routed_names(facts: ModuleFacts) -> frozenset[str]:
    """Module functions routed at a probe path by a call rather than a decorator (Starlette's
    `Route("/health/deep", deep)`, `router.add_api_route("/healthz", healthz)`)."""
    return frozenset(
        site.args[1]["ref"] for site in facts.module_calls
        if site.name.rsplit(".", 1)[-1] in _ROUTE_CALLS and len(site.args) >= 2
        and isinstance(site.args[0], str) and isinstance(site.args[1], dict) and "ref" in site.args[1]
        and _probe_path(site.args[0]))


def _prefix_of(func: ast.expr, prefixes: dict[str, str]) -> str:
    """`router.get` -> the `prefix=` the module gave `router`, "" for any other decorator."""
    owner = func.value if isinstance(func, ast.Attribute) else None
    return prefixes.get(owner.id, "") if isinstance(owner, ast.Name) else ""


def router_prefixes(facts: ModuleFacts) -> dict[str, str]:
    """Module-level `router = APIRouter(prefix="/health", ...)` -> {"router": "/health"}: the
    routes declared on it answer under that path. Read from the file's facts (its module-level
    bindings and the calls they were made by); the project's routing model is built after file rules run."""
    found: dict[str, str] = {}
    sites: dict[tuple[int, str], object] = {}
    for site in facts.module_calls:
        sites.setdefault((site.line, site.name), site)  # the first call of that name on the line
    for name, assign in facts.assigns.items():
        value = assign.value
        if isinstance(value, dict) and value.get("call"):
            site = sites.get((value["line"], value["call"]))
            prefix = site.kwargs.get("prefix") if site is not None else None
            if isinstance(prefix, str) and prefix:
                found[name] = prefix
    return found


_STATUS_TYPES = ("Status", "State", "Health")
_STATUS_WORDS = tuple(word.lower() for word in _STATUS_TYPES)


def _answers_status(handler: Handler) -> bool:
    status = handler.returns.rsplit(".", 1)[-1]
    if not status.endswith(_STATUS_TYPES):
        return False
    return any(isinstance(stmt, (ast.Return, ast.Assign)) and isinstance(stmt.value, ast.Attribute)
               and dotted_str(stmt.value.value).rsplit(".", 1)[-1] == status for stmt in handler.node.body)


def _status_query_answers_status(handler: Handler) -> bool:
    """A function named as a status query (`batch_status`, `get_state`) whose handler answers with
    a status literal (`return {"batch_id": batch_id, "status": "unknown"}`): the failure becomes
    the status its caller reads, a probe's contract, whatever the return type is annotated as."""
    words = handler.function.rsplit(".", 1)[-1].lower().strip("_").split("_")
    if words[-1] not in _STATUS_WORDS:
        return False
    return any(isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value in _STATUS_WORDS
        and isinstance(value, ast.Constant) and isinstance(value.value, str)
        for key, value in zip(stmt.value.keys, stmt.value.values)) for stmt in handler.node.body)


def _sets_status(handler: Handler) -> bool:
    """`info.status = SandboxStatus.ERROR` (or `status = ...`) and the function then returns what
    it set (`return info`, `return Info(status=status)`): a probe whose failure becomes the status
    the caller reads, which is its contract. A status only reported elsewhere proves nothing."""
    roots = {_root(t) for stmt in handler.node.body if isinstance(stmt, ast.Assign)
             and isinstance(stmt.value, ast.Attribute)
             and dotted_str(stmt.value.value).rsplit(".", 1)[-1].endswith(_STATUS_TYPES)
             and not _set_on_success(handler, stmt.value)
             for t in stmt.targets if _status_target(t)}
    return bool(roots) and handler.scope is not None and any(
        isinstance(node, ast.Return) and mentions(node.value, roots) for node in ast.walk(handler.scope))


def _set_on_success(handler: Handler, value: ast.Attribute) -> bool:
    """The try body sets the same status member on success (`ride.status = RideStatus.PAID` after
    the payment, and again in `except Exception`): the failure is recorded as the success, which
    is no probe's mapping of a failure to a status."""
    wanted = ast.dump(value)
    return any(isinstance(node, ast.Assign) and ast.dump(node.value) == wanted
               for stmt in handler.try_info.node.body for node in ast.walk(stmt))


def _root(target: ast.expr) -> str:
    while isinstance(target, ast.Attribute):
        target = target.value
    return target.id if isinstance(target, ast.Name) else ""


def _status_target(target: ast.expr) -> bool:
    name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
    return name.lower().strip("_").endswith(_STATUS_WORDS)
