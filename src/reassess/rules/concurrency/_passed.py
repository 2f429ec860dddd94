"""Coroutines handed to a project wrapper that awaits them: `await self._breaker.call(self._fetch, url)`,
`await with_retry(self._send, payload)`. The call graph stops at the wrapper (it calls a parameter);
these links say that the caller, through the wrapper, awaits the function it passed.

Built once per run (model.memo) from the call sites already resolved: wrappers are the project
coroutines that await a call of one of their own parameters, and the library wrappers that run a
coroutine function they are handed (`await breaker.call_async(self._transfer, req)` with aiobreaker
or pybreaker, `await retrying(self._send, payload)` with tenacity).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.project import Edge
from ...model.resolve import Target

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_KEY = "concurrency.passed_coroutines"
# Library calls that await the coroutine function passed as their first argument (breakers, retryers);
# callback registrations (`subscribe`, `consume`, `add_done_callback`) keep it for later and are not here.
_LIBRARY_RUNNERS = (".CircuitBreaker.call_async", ".CircuitBreaker.call", ".AsyncRetrying.__call__",
                    ".AsyncRetrying", ".AsyncRetrying.call")


def passed_coroutines(model: "ProjectModel") -> dict[str, list[Edge]]:
    """caller fq -> synthetic edges (the wrapper's call site, targeting the passed function)."""
    return model.memo(_KEY, lambda: _build(model))


def _build(model: "ProjectModel") -> dict[str, list[Edge]]:
    found: dict[str, list[Edge]] = {}
    wrappers = _wrappers(model)
    for wrapper, (position, name) in wrappers.items():
        for edge in model.callers.get(wrapper, ()):
            _link(model, edge, position, name, found, wrappers)
    runners = [name for name in model.target_names() if name.endswith(_LIBRARY_RUNNERS)]
    for edge in model.calls_to(*runners) if runners else ():
        if edge.target.kind == "external":
            _link(model, edge, 0, "", found, wrappers)
    return found


def _link(model: "ProjectModel", edge: Edge, position: int, name: str, found: dict[str, list[Edge]],
          wrappers: dict[str, tuple[int, str]]) -> None:
    """Record that the awaited call `edge` runs the project coroutine function passed at `position`
    (or as keyword `name`), or the one a lambda passed there calls."""
    site = edge.site
    if site.used_as != "await":
        return
    value = _argument(site, position, name)
    if isinstance(value, dict) and set(value) <= {"lambda", "col"}:
        passed = _lambda_target(model, edge, value["lambda"], wrappers)
    else:
        passed = _coroutine_function(model, edge.caller, value)
    if passed:
        found.setdefault(edge.caller, []).append(Edge(edge.caller, site, Target("function", passed)))


def _argument(site, position: int, name: str) -> object:
    return site.kwargs.get(name) if name and name in site.kwargs else \
        site.args[position] if position < len(site.args) else None


def _coroutine_function(model: "ProjectModel", caller: str, value: object) -> str:
    """The project coroutine function `value` names in `caller` (`self._send`), "" when none."""
    ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
    if not isinstance(ref, str):
        return ""
    facts, func = model.functions[caller]
    passed = model.resolver.type_of_chain(facts, func, tuple(ref.split(".")))
    ok = passed is not None and passed[0] == "function" and passed[1] in model.functions \
        and model.functions[passed[1]][1].is_async
    return passed[1] if ok else ""


def _lambda_target(model: "ProjectModel", edge: Edge, line: int, wrappers: dict[str, tuple[int, str]]) -> str:
    """`breaker.call(lambda: with_backoff(attempt, attempts=3))`: the wrapper awaits the coroutine the
    lambda's call returns, so it runs that project coroutine or, when it is a wrapper too, the
    function handed to it."""
    for inner in model.edges.get(edge.caller, ()):
        if inner is edge or inner.site.line != line or inner.site.used_as or inner.target.kind != "function":
            continue
        callee = inner.target.name
        if callee in wrappers:
            return _coroutine_function(model, edge.caller, _argument(inner.site, *wrappers[callee]))
        if callee in model.functions and model.functions[callee][1].is_async:
            return callee
    return ""


def _wrappers(model: "ProjectModel") -> dict[str, tuple[int, str]]:
    """Project coroutines awaiting a call of a parameter: fq -> (argument position at the call, name)."""
    wrappers: dict[str, tuple[int, str]] = {}
    for fq, (_, func) in model.functions.items():
        if not func.is_async or not func.params:
            continue
        params = [p.name for p in func.params]
        if func.class_name and params[0] in ("self", "cls"):
            params = params[1:]
        for site in func.calls:
            if site.awaited and site.func and len(site.func) == 1 and site.func[0] in params:
                wrappers[fq] = (params.index(site.func[0]), site.func[0])
                break
    return wrappers
