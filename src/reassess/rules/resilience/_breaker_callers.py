"""A service class that hands its client's methods to the client's circuit breaker
(`self.runner.breaker.call(self.runner.submit_job, job)`) and, on a request path, calls another
method of that client bare (`await self.runner.get_status(job_id)`): the class decides which calls
go through the breaker, and this one was left out. While the service is down the breaker is open
for the guarded calls, yet every request of this path still waits out its timeout on it."""
from __future__ import annotations

from dataclasses import dataclass

from ...model.app import is_test_path
from ...model.resilience.guards import breaker_edge, breaker_runs
from ...model.resilience.runtime import short
from ._deps import REQUEST_KINDS, Group, entries_of_kind


@dataclass
class CallerBypass:
    edge: object  # the bare call into the client method
    call: object  # the client's request it leads to
    guarded: list  # the caller class's breaker calls handing the client's methods
    entries: list  # (request entry, chain) reaching the bare call


def caller_bypass(model, group: Group) -> CallerBypass | None:
    """The first request-path call of a client method left out of the breaker its caller's class
    hands the client's other methods to, when the class's bare calls into the client do not
    outnumber its guarded ones (a breaker tracks the whole service: one guarded call is a decision)."""
    bare = {c.fq: c for c in group.calls if not c.breaker and c.func.class_name}
    decided: dict[tuple[str, str], list] = {}  # (caller class, client class) -> its breaker calls, if decisive
    for fq, call in sorted(bare.items()):
        client = owner_of(fq)
        for edge in sorted(model.callers.get(fq, ()), key=lambda e: (e.caller, e.site.line)):
            owner = owner_of(edge.caller)
            if owner == client or owner not in model.classes or is_test_path(model.functions[edge.caller][0].path):
                continue
            if (owner, client) not in decided:
                decided[owner, client] = _decisive_breaker_calls(model, owner, client, bare)
            guarded = decided[owner, client]
            if not guarded:
                continue
            entries = entries_of_kind(model, {edge.caller}, REQUEST_KINDS)
            if entries:
                return CallerBypass(edge, call, guarded, entries)
    return None


def _decisive_breaker_calls(model, owner: str, client: str, bare: dict) -> list:
    """`owner`'s breaker calls running methods of `client`, when they hand it at least as many
    methods as `owner` calls bare: [] otherwise."""
    guarded = _handed_to_breaker(model, owner, client)
    if not guarded or len(_bare_methods(model, owner, bare)) > len({t for t, _e in guarded}):
        return []
    return [e for _t, e in guarded]


def _methods(model, owner: str) -> list[str]:
    return [f"{owner}.{name}" for name in model.classes[owner][1].methods if f"{owner}.{name}" in model.functions]


def _handed_to_breaker(model, owner: str, client: str) -> list[tuple[str, object]]:
    """(client method, breaker call) for each breaker call in `owner`'s methods running a method of `client`."""
    out = []
    for fq in _methods(model, owner):
        facts, func = model.functions[fq]
        for edge in model.edges.get(fq, ()):
            if breaker_edge(edge) and owner_of(target := breaker_runs(model, facts, func, edge)) == client:
                out.append((target, edge))
    return out


def _bare_methods(model, owner: str, bare: dict) -> set[str]:
    """The unguarded client methods `owner`'s methods call directly."""
    return {callee for fq in _methods(model, owner) for edge in model.edges.get(fq, ())
            if (callee := model.callee_function(edge.target)) in bare}


def owner_of(fq: str | None) -> str:
    """The class (or module) defining `fq`: its dotted prefix."""
    return (fq or "").rsplit(".", 1)[0]


def describe(bypass: CallerBypass, group: Group, wait: str) -> tuple[str, str]:
    """(title, description) of the finding."""
    caller, method = short(bypass.edge.caller), short(bypass.call.fq)
    names = sorted({e.name for e, _c in bypass.entries})
    lines = ", ".join(str(e.site.line) for e in bypass.guarded[:3])
    description = (
        f"`{owner_of(bypass.edge.caller).rsplit('.', 1)[-1]}` hands {group.name}'s methods to its circuit breaker "
        f"(line{'s' if len(bypass.guarded) > 1 else ''} {lines}) but `{caller}` calls `{method}` directly, on the "
        f"path of {', '.join(names[:4])}{', ...' if len(names) > 4 else ''}: while the breaker is open because "
        f"the service is down, each of those requests still waits out its timeout ({wait}) on this call, and its "
        "failures are not counted towards opening the breaker."
    )
    return f"{caller} bypasses the circuit breaker for {group.name}", description
