"""Calls made inside a shared request helper, seen from each place that calls the helper.

A client class often sends every request through one private helper
(`async def _request(self, method, path, **kw): return await self._http.request(method, ...)`)
and puts its guards on the public methods: `@retry` on each, `self._breaker.call(self._request,
"GET", ...)` around most. The helper's single call site then looks protected as soon as one
public method is, which hides the method left out. Here each way into the helper (a direct call,
or the helper handed to a breaker or retry wrapper) becomes a call of its own, in the public
method, with the HTTP verb passed to the helper and the guards that hold on that way in.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...facts.types import CallSite, FunctionFacts
from ...model.app import is_test_path
from ...model.origins import positional_params
from ...model.resilience import analysis
from ...model.resilience.calls import ExternalCall, handled_here
from ...model.resilience.guards import breaker_receiver, forwarders, resolved_name

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_VERBS = frozenset({"get", "head", "options", "post", "put", "patch", "delete"})


def through_helpers(model: "ProjectModel", calls: list[ExternalCall], least: int = 2) -> list[ExternalCall]:
    """`calls` with each call made in a helper reached from `least` or more places replaced by one
    call per place; the same list object when no call is in such a helper. (Comparing guards
    needs two ways in; following the helper up to the requests needs one, when the only way in
    is a wrapper the call graph does not follow.)"""
    ways = _ways_in(model)
    out: list[ExternalCall] = []
    changed = False
    for call in calls:
        entries = ways.get(call.fq, ())
        if len(entries) < least:
            above = _through_one_way(model, call, entries, least)
            changed = changed or bool(above)
            out += above or [call]
            continue
        changed = True
        out += [_lifted(model, call, *entry) for entry in entries]
    return sorted(out, key=lambda c: (c.path, c.site.line)) if changed else calls


def _through_one_way(model: "ProjectModel", call: ExternalCall, entries, least: int) -> list[ExternalCall]:
    """A helper with one way in, from a method that `least` or more places call (`_get_once` handed
    to `retry_async` by `_get_json`, which every public method calls): the guards on that one way
    hold for all of them, so each call of that method is a way in of its own."""
    owner = call.fq.rsplit(".", 1)[0]
    if len(entries) != 1 or least < 2 or entries[0][0].rsplit(".", 1)[0] != owner:
        return []  # only a chain of the client's own helpers: its methods are the ways in
    inner = _lifted(model, call, *entries[0])
    callers = [e for e in model.callers.get(inner.fq, ()) if e.caller != inner.fq
               and e.caller.rsplit(".", 1)[0] == owner]
    if len(callers) < least:
        return []
    retry, breaker = inner.retry or call.retry, inner.breaker or call.breaker  # the one way in holds them
    out = []
    for edge in callers:
        outer = _lifted(model, inner, edge.caller, edge.site, 0, "")
        out.append(replace(outer, retry=outer.retry or retry, breaker=outer.breaker or breaker))
    return out


def _ways_in(model: "ProjectModel") -> dict[str, list[tuple[str, CallSite, int, str]]]:
    """helper fq -> (caller fq, call site, index of the helper's first argument at that site,
    the wrapper the helper was handed to or ""). Built once per run from the call graph: direct
    calls of project methods, and methods handed to a forwarder (`breaker.call(self._json, "GET",
    path)`)."""
    def build() -> dict[str, list[tuple[str, CallSite, int, str]]]:
        helpers = {c.fq for c in analysis(model).calls if c.func.class_name}
        forwarding = forwarders(model)
        out: dict[str, list[tuple[str, CallSite, int, str]]] = {}
        for fq, edges in model.edges.items():
            facts, func = model.functions[fq]
            if is_test_path(facts.path):
                continue
            for edge in edges:
                callee = model.callee_function(edge.target)
                if callee in helpers and callee != fq:
                    out.setdefault(callee, []).append((fq, edge.site, 0, ""))
                    continue
                index = forwarding.get(callee, -1) if callee else (0 if breaker_receiver(edge.site.func or ()) else -1)
                handed = _handed(model, facts, func, edge.site, index)
                if handed in helpers and handed != fq:
                    out.setdefault(handed, []).append((fq, edge.site, index + 1, callee or edge.site.name))
        return out
    return model.memo("resilience.helper_ways", build)


def helper_targets(model: "ProjectModel") -> dict[str, list[str]]:
    """caller fq -> the helpers it calls or hands to a wrapper (the call graph misses the latter)."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for helper, entries in _ways_in(model).items():
            for caller, _site, _offset, wrapper in entries:
                if wrapper:
                    out.setdefault(caller, []).append(helper)
        return out
    return model.memo("resilience.helper_targets", build)


def _handed(model: "ProjectModel", facts, func: FunctionFacts, site: CallSite, index: int) -> str:
    """The project function passed by reference at `site.args[index]`, if any."""
    if index < 0 or index >= len(site.args):
        return ""
    arg = site.args[index]
    if not isinstance(arg, dict) or not isinstance(arg.get("ref"), str):
        return ""
    name = resolved_name(model, facts, func, arg["ref"])
    return name if name in model.functions else ""


def _lifted(model: "ProjectModel", call: ExternalCall, caller: str, site: CallSite, offset: int,
            wrapper: str) -> ExternalCall:
    """The helper's call as made from `caller` at `site`: its verb, and the guards on that way in
    (the site's own, the caller's, a breaker wrapper it is handed to, or the helper's own)."""
    guards = analysis(model).guards
    facts, func = model.functions[caller]
    own_retry, own_breaker = _own_guards(model, call)
    retry = guards.retried_sites.get(id(site)) or guards.retried.get(caller, "") or _wrapper_guard(
        model, wrapper, guards.retried) or own_retry
    breaker = guards.broken_sites.get(id(site)) or guards.breakered.get(caller, "") or (
        f"`{site.name}` at line {site.line}" if wrapper and breaker_receiver(site.func or ())
        else "") or _wrapper_guard(
        model, wrapper, guards.breakered) or own_breaker
    handled = call.handled or handled_here(analysis(model).tracer, facts, func, site, call.library)
    return replace(call, facts=facts, func=func, fq=caller, site=site, method=_verb(model, call, site, offset),
                   retry=retry, breaker=breaker, handled=handled,
                   details=dict(call.details, helper=call.fq, helper_line=call.site.line, helper_call=call))


def _own_guards(model: "ProjectModel", call: ExternalCall) -> tuple[str, str]:
    """The retry and breaker the helper carries itself (a decorator on it, a guarded block in it),
    not the ones it inherits from whichever caller happens to be guarded."""
    guards = analysis(model).guards
    mine = {f"@{d.func}" for d in call.func.decorators}
    retry = guards.retried_sites.get(id(call.site)) or (call.retry if call.retry in mine else "")
    breaker = guards.broken_sites.get(id(call.site)) or (call.breaker if call.breaker in mine else "")
    return retry, breaker


def _wrapper_guard(model: "ProjectModel", wrapper: str, reasons: dict[str, str]) -> str:
    """A project wrapper that guards what it is handed with its own decorator."""
    if not wrapper or wrapper not in model.functions:
        return ""
    _facts, func = model.functions[wrapper]
    reason = reasons.get(wrapper, "")
    return reason if reason in {f"@{d.func}" for d in func.decorators} else ""


def _verb(model: "ProjectModel", call: ExternalCall, site: CallSite, offset: int) -> str:
    """`self._http.request(method, ...)` in the helper: the literal verb the caller passes for
    `method`; any other call keeps its own method."""
    if call.method in _VERBS or not call.site.args:
        return call.method
    first = call.site.args[0]
    if not isinstance(first, dict) or not isinstance(first.get("ref"), str):
        return call.method
    params = positional_params(call.func)  # a helper is a method (`_ways_in`)
    if first["ref"] not in params:
        return call.method
    position = offset + params.index(first["ref"])
    value = site.args[position] if position < len(site.args) else site.kwargs.get(first["ref"])
    return value.lower() if isinstance(value, str) and value.lower() in _VERBS else call.method
