"""Callbacks: a project function passed by reference to a project function that calls it.

`await cache.get_or_load(key, self._load)` runs `self._load` inside `get_or_load` (which calls
its parameter: `value = await loader(key)`), but the call graph only links the caller to
`get_or_load`. Without the link, `_load` looks unreached: no request, job or worker seems to run
it, and every interprocedural question ("which routes can this client call fail?", "does a
request reach this connection?") stops there. These links say that the caller, through the
function it calls, runs the function it passed; they are added to `callers` only (the reverse
graph that `reach` walks), so forward walks still see each site once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .dispatch import literal_values, picked_literals
from .edges import Edge
from .origins import positional_params
from .resolve import Target

if TYPE_CHECKING:
    from ..facts.types import CallSite, FunctionFacts
    from .project import ProjectModel


def link_passed_functions(model: "ProjectModel") -> int:
    """Add an edge caller -> passed function to `model.callers` for every call handing a
    project function to a project function that calls that parameter; returns how many."""
    added = 0
    called: dict[str, set[str]] = {}  # callee -> the parameters it calls, worked out once per callee
    for edges in list(model.edges.values()):
        for edge in edges:
            callee = model.callee_function(edge.target)
            if not callee or not edge.site.args and not edge.site.kwargs:
                continue
            if callee not in called:
                called[callee] = called_params(model.functions[callee][1])
            for passed in passed_and_called(model, edge, callee, called[callee]):
                model.callers[passed].append(Edge(edge.caller, edge.site, Target("function", passed)))
                added += 1
    return added


def passed_and_called(model: "ProjectModel", edge: "Edge", callee: str, called: set[str] | None = None) -> list[str]:
    """The project functions `edge` passes to `callee` at one of the parameters it calls (`await
    retry_async(_submit, attempts=3)`, whose body runs `await operation()`): they run there.
    `called`: `called_params` of `callee`, when the caller has worked it out already."""
    called = called_params(model.functions[callee][1]) if called is None else called
    if not called:
        return []
    out = []
    for name, value in call_arguments(model.functions[callee][1], edge.site):
        if name in called:
            out += [passed for passed in passed_functions(model, edge.caller, value) if passed != edge.caller]
    return out


def called_params(func: "FunctionFacts") -> set[str]:
    """Names of the function's parameters that its body calls with arguments of its own (`await
    loader(key)`). A forwarder that calls one with the arguments it was handed (`fn(*args, **kwargs)`:
    a breaker's or retry helper's `call`) is left out: the guard analysis follows those ways in itself."""
    params = {p.name for p in func.params if p.kind not in ("vararg", "kwarg")}
    called = [site for site in func.calls if site.func and len(site.func) == 1 and site.func[0] in params]
    forwarded = {site.func[0] for site in called if site.star_args}
    return {site.func[0] for site in called} - forwarded


def call_arguments(func: "FunctionFacts", site: "CallSite") -> list[tuple[str, object]]:
    """(parameter name, argument value) pairs of a call, positional ones matched by position
    (a bound method's `self`/`cls` skipped)."""
    return [*zip(positional_params(func), site.args), *site.kwargs.items()]


def call_argument(site: "CallSite", position: int, keyword: str, default: object = None) -> object:
    """The argument a call passes at `position` (-1: keyword only) or by `keyword`, else `default`:
    one parameter a library API takes either way (`add_route(method, path, handler)`)."""
    if 0 <= position < len(site.args):
        return site.args[position]
    return site.kwargs.get(keyword, default)


def function_ref(model: "ProjectModel", caller: str, value: object) -> str:
    """The project function a plain reference argument names (`self._load`, `load_rows`)."""
    ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
    if not isinstance(ref, str):
        return ""
    return model.resolver.project_function(*model.functions[caller], tuple(ref.split(".")))


def passed_functions(model: "ProjectModel", caller: str, value: object) -> list[str]:
    """The project functions an argument stands for: the one a plain reference names, or each
    function of the registry a local was picked from (`factory = _registry()[name]`, `job =
    JOBS.get(kind)`): which one runs depends on data, so the call may run any of them."""
    found = function_ref(model, caller, value)
    if found:
        return [found]
    ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
    if not isinstance(ref, str) or "." in ref:
        return []
    facts, func = model.functions[caller]
    return list(dict.fromkeys(fq for scope_facts, scope_func, literal, owner
                              in picked_literals(model, facts, func, func.local_types.get(ref))
                              for kind, fq in literal_values(model, scope_facts, scope_func, literal, owner)
                              if kind == "function"))


def passed_calls(model: "ProjectModel") -> dict[str, list["Edge"]]:
    """Function fq -> edges from its call of a parameter to each project function passed there,
    for forward walks (built once per run). The parameter may be the function's own or one of its
    enclosing function's: `every(name, interval, job)` spawning `async def loop(): await job()` runs
    each job passed to `every` inside `loop`, so a reach through `loop` (a spawned task) reaches them."""
    def build() -> dict[str, list["Edge"]]:
        found: dict[str, list[Edge]] = {}
        callers = _param_callers(model)
        for edges in list(model.edges.values()):
            for edge in edges:
                callee = model.callee_function(edge.target)
                for name, value in call_arguments(model.functions[callee][1], edge.site) if callee in callers else ():
                    for passed in passed_functions(model, edge.caller, value):
                        for fq, site in callers[callee].get(name, ()) if passed != edge.caller else ():
                            found.setdefault(fq, []).append(Edge(fq, site, Target("function", passed)))
        return found
    return model.memo("passed.calls", build)


def _param_callers(model: "ProjectModel") -> dict[str, dict[str, list[tuple[str, "CallSite"]]]]:
    """Function fq -> parameter name -> (function fq, call site) of each plain call of that parameter,
    in the function itself or in a function nested in it (`loop` inside `every`) that does not
    rebind the name as its own parameter. Forwarders (`fn(*args)`) are left out as in `called_params`."""
    found: dict[str, dict[str, list[tuple[str, "CallSite"]]]] = {}
    for fq, (_facts, func) in model.functions.items():
        owner, own = fq, set()
        while True:
            params = {p.name for p in model.functions[owner][1].params if p.kind not in ("vararg", "kwarg")}
            for site in func.calls:
                name = site.func[0] if site.func and len(site.func) == 1 and not site.star_args else ""
                if name in params - own:
                    found.setdefault(owner, {}).setdefault(name, []).append((fq, site))
            own |= params
            parent = owner.rsplit(".<locals>.", 1)[0] if ".<locals>." in owner else ""
            if parent not in model.functions:
                break
            owner = parent
    return found


def literal_items(value: Any) -> list:
    """The items of a list, tuple or set literal as the facts store it; [] for anything else."""
    if isinstance(value, dict) and "items" in value:
        return list(value["items"])
    return []


def tuple_parts(value: Any) -> list | None:
    """The elements of a tuple (or list) literal: under "items" for a value of its own, under
    "parts" for one nested in another literal (a route table's row); None for anything else."""
    if not isinstance(value, dict) or value.get("literal") not in ("tuple", "list"):
        return None
    return value.get("items") if value.get("items") is not None else value.get("parts")
