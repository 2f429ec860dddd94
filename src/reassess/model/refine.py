"""A second resolution pass: types of unannotated constructor parameters from their callers.

`class RiskEngine: def __init__(self, dm): self.dm = dm` leaves `self.dm.get_user()`
unresolved after the first pass. Once the call graph exists, every `RiskEngine(...)` call
is known; when all of them pass the same type for `dm` (here `DataManager`), that type is
the parameter's, and the calls that were unresolved because of it are resolved again.
Sound by construction: one disagreeing or untyped caller and nothing is inferred; only
`__init__` parameters of classes are inferred (constructors are called explicitly, unlike
callbacks that frameworks call with their own arguments), and factory parameters that every
direct caller fills with a lambda building one project class (`run_once(lambda s: Service(s))`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .app import scope_facts

if TYPE_CHECKING:
    from .project import ProjectModel
    from .resolve import Type

_ROUNDS = 2


def refine_call_graph(model: "ProjectModel") -> int:
    """Infer constructor parameter types and re-resolve unresolved edges; returns how many
    call sites became resolved."""
    gained = 0
    for _ in range(_ROUNDS):
        inferred = _infer(model)
        new = {k: v for k, v in inferred.items() if k not in model.resolver.inferred}
        if not new:
            break
        model.resolver.inferred.update(new)
        model.resolver._attr_cache.clear()
        gained += _re_resolve(model)
    return gained


def _infer(model: "ProjectModel") -> dict[tuple[str, str], "Type"]:
    from .origins import module_callers

    at_module = module_callers(model)
    found: dict[tuple[str, str], "Type"] = {}
    for fq, (facts, func) in model.functions.items():
        calls = list(model.callers.get(fq, ())) + at_module.get(fq, [])
        if func.name != "__init__" or not func.class_name:
            found.update(_factory_params(model, fq, func, calls))
            continue
        if not calls:
            continue
        for index, param in enumerate(func.params[1:], start=0):
            if param.annotation or param.default_call or param.kind in ("vararg", "kwarg"):
                continue
            kind = _agreed(model, calls, param.name, index, param.kind)
            if kind is not None:
                found[(fq, param.name)] = kind
    return found


def _agreed(model: "ProjectModel", calls: list, name: str, index: int, kind: str) -> "Type":
    types = set()
    for edge in calls:
        site = edge.site
        if site.star_args:
            return None
        if name in site.kwargs:
            value = site.kwargs[name]
        elif kind in ("pos", "posonly") and index < len(site.args):
            value = site.args[index]
        else:
            continue  # the default is used here
        caller_facts, caller_func = scope_facts(model, edge.caller)
        found = model.resolver.type_of_value(caller_facts, caller_func, value, 1)
        if found is None or found[0] not in ("instance", "ext_instance", "state"):
            return None
        types.add(found)
    return types.pop() if len(types) == 1 else None


def _factory_params(model: "ProjectModel", fq: str, func, calls: list) -> dict[tuple[str, str], "Type"]:
    """`async def run_once(service_factory): service = service_factory(session)`, every caller handing
    it a lambda that builds one project class (`run_once(lambda s: EmissionsService(s, repo))`): the
    parameter is typed as that class, so what its call returns is an instance of it. Only direct
    calls count (a callback link's arguments are the other function's)."""
    called = {site.func[0] for site in func.calls if site.func and len(site.func) == 1}
    params = [(i, p) for i, p in enumerate(func.params[1:] if func.class_name else func.params)
              if p.name in called and not p.annotation and not p.default_call and p.kind in ("pos", "posonly")]
    if not params or not calls:
        return {}
    direct = [e for e in calls if e in model.edges.get(e.caller, ()) and not e.site.star_args]
    if len(direct) != len(calls):
        return {}
    found = {}
    for index, param in params:
        built = {_lambda_builds(model, e, e.site.args[index]) if index < len(e.site.args) else None for e in direct}
        if len(built) == 1 and None not in built:
            found[(fq, param.name)] = ("class", built.pop())
    return found


def _lambda_builds(model: "ProjectModel", edge, value) -> str | None:
    """The project class a `lambda ...: Cls(...)` argument of `edge` constructs: the first call right
    of the lambda on its line, when that is a project class."""
    if not isinstance(value, dict) or "lambda" not in value:
        return None
    right = sorted((e for e in model.edges.get(edge.caller, ()) if e.site.line == value["lambda"]
                    and e.site.col > value.get("col", -1) and e is not edge), key=lambda e: e.site.col)
    return right[0].target.name if right and right[0].target.kind == "class" else None


def _re_resolve(model: "ProjectModel") -> int:
    from .project import Edge

    gained = 0
    for fq, edges in model.edges.items():
        facts, func = model.functions[fq]
        for index, edge in enumerate(edges):
            if edge.target.kind != "unresolved":
                continue
            target = model.resolver.resolve_call(facts, func, edge.site)
            if target.kind == "unresolved":
                continue
            new = Edge(fq, edge.site, target)
            edges[index] = new
            gained += 1
            callee = model.callee_function(target)
            if callee:
                model.callers[callee].append(new)
    return gained
