"""Whether a function runs in the server: reached from an entry point, or a method, provider or
public coroutine of the served code that no call edge reaches yet. Scripts and CLI commands exit
and drop their connections; the server must not."""
from __future__ import annotations

from ...facts.types import FunctionFacts
from ...model.overrides import callers_of, callers_through_bases, overrides_of
from ...model.project import ProjectModel
from ...model.resilience.runtime import entries_reaching


def _uncalled_method(model: ProjectModel, fq: str, func: FunctionFacts) -> bool:
    """A method nothing in the project calls yet (a repository's public API), or one whose every
    chain of callers starts at such a method (a service method the routes reach through
    `request.app.state.audit`, which no call edge follows): it is not script code, so its
    callers will be the service's. A private helper nothing calls (`_get_postgresql_functions`
    behind a commented-out branch) is not an API awaiting callers: it is dead code, and no request
    runs it."""
    if not func.class_name:
        return False
    if not model.callers.get(fq):
        return not _private(func.name)
    chains = callers_through_bases(model, fq)
    # an override is called through its base: the base's callers are its callers, so it is no root
    dispatched = {sub for base, subs in overrides_of(model).items() if base in chains for sub in subs}
    roots = [caller for caller in chains if not model.callers.get(caller) and caller in model.functions
             and caller not in dispatched]
    return bool(roots) and all(model.functions[root][1].class_name and model.functions[root][1].is_async
                               for root in roots)


def _private(name: str) -> bool:
    """`_helper`, not a dunder the interpreter calls (`__aexit__`)."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def served(model: ProjectModel, fq: str, func: FunctionFacts) -> bool:
    """The function runs in the server: a request reaches it, it is a method of a served class
    no call reaches yet, or it provides something a request uses."""
    return bool(entries_reaching(model, {fq}, limit=1)) or _uncalled_method(model, fq, func) \
        or _provider_of_request(model, fq) or _uncalled_route_helper(model, fq, func) \
        or _reached_through_base(model, fq)


def _reached_through_base(model: ProjectModel, fq: str) -> bool:
    """A request reaches it through a call on a base class (or protocol) that one of its callers
    overrides: the helper of an override the handler calls through the interface."""
    chains = callers_through_bases(model, fq)
    return len(chains) > len(callers_of(model, fq)) \
        and bool(entries_reaching(model, chains, limit=1))


def _uncalled_route_helper(model: ProjectModel, fq: str, func: FunctionFacts) -> bool:
    """A public coroutine function nothing in the project calls, in a module that route or worker modules
    import, directly or through a module they import (a repository module's `trim_feed(pool, ...)`): the
    server's own code, whose callers are the routes' or the workers' (or are about to be), not a script's."""
    if func.class_name or not func.is_async or func.name.startswith("_") or "<locals>" in fq \
            or model.callers.get(fq):
        return False
    module = fq[:-len(func.qualname) - 1]
    if module not in model.import_graph:
        return False
    routed = _route_modules(model)
    importers = set(model.import_graph.predecessors(module))
    # a repository module the routes reach through their services (route -> service -> repository)
    importers |= {outer for inner in importers for outer in model.import_graph.predecessors(inner)}
    return bool(importers & routed)


def _route_modules(model: ProjectModel) -> frozenset[str]:
    """The modules defining the HTTP and websocket handlers and the background workers and jobs (once per run)."""
    return model.memo("scalability.route_modules", lambda: frozenset(
        entry.function.rsplit(".", 1)[0] for entry in model.app.entrypoints
        if entry.kind in ("http", "websocket", "worker", "job")))


def _provider_of_request(model: ProjectModel, fq: str) -> bool:
    """A `Depends()` provider of an HTTP or WebSocket route: FastAPI runs it for every request,
    though no call edge leads to it."""
    return any(e.kind in ("http", "websocket") and fq in e.dependencies for e in model.app.entries_through({fq}))
