"""How long the instances of a project class live: for the life of the process, briefly (one
call, one request, one run), or unknown.

A cache on an object that lives for one request cannot grow without bound; the same cache on
a module singleton or on `app.state` grows for the life of the process. The answer comes from
where the class is instantiated (the call graph's edges to it) and what the result is bound to:
a module variable, `app.state`, a lifespan/startup function or a cached provider make it live
for the process; a local of an ordinary function makes it short-lived; an attribute of another
object lives as long as that object; a returned instance (alone or held by the returned object) lives
as long as the builder's result does: for the process when a call of the builder keeps it so (a
container built in the lifespan and put on `app.state`), else unknown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..knowledge.memoisers import MEMOISERS

if TYPE_CHECKING:
    from ..facts.types import FunctionFacts
    from .project import Edge, ProjectModel

Lifetime = Literal["process", "short", "unknown"]
_MAX_DEPTH = 3


def instance_lifetime(model: "ProjectModel", cls: str) -> Lifetime:
    """The lifetime of instances of the project class `cls` (fq), memoised per run."""
    known: dict[str, Lifetime] = model.memo("lifetime.instances", dict)
    if cls not in known:
        known[cls] = _lifetime(model, cls, 0)
    return known[cls]


def _lifetime(model: "ProjectModel", cls: str, depth: int) -> Lifetime:
    if cls in model.called_at_import("class"):
        return "process"
    sites = [e for e in model.callers.get(f"{cls}.__init__", ()) if e.target.kind == "class" and e.target.name == cls]
    if not sites:
        return "unknown"  # built by a framework, a container or reflection
    answers = {_site_lifetime(model, edge, depth) for edge in sites}
    for answer in ("process", "unknown"):
        if answer in answers:
            return answer
    return "short"


def _site_lifetime(model: "ProjectModel", edge: "Edge", depth: int) -> Lifetime:
    facts, func = model.functions[edge.caller]
    line = edge.site.line
    if _starts_with_process(model, edge.caller, func) or _stored_on_state(func, line) or _stored_on_class(func, line):
        return "process"
    attr = next((a for a, v in func.self_attrs.items() if isinstance(v, dict) and v.get("line") == line), None)
    if attr is not None:
        if not func.class_name or depth >= _MAX_DEPTH:
            return "unknown"
        return _lifetime(model, f"{facts.module}.{func.class_name}", depth + 1)
    if func.has_yield:
        return "unknown"  # handed to a dependency's user: its lifetime is theirs
    if _returned(func, line) or _held_by_returned(model, edge.caller, func, line):
        return _builder_lifetime(model, edge.caller, depth)  # handed to the caller: its lifetime is theirs
    if set(func.extra.get("globals", ())) & set(func.local_types):
        return "unknown"  # may be stored in a module variable
    return "short"


def _builder_lifetime(model: "ProjectModel", builder: str, depth: int) -> Lifetime:
    """The lifetime of what a builder function returns, judged at its calls as a class's instances are:
    "process" when a call keeps the result for the process (`container = await build_container(settings)`
    in the lifespan, then `app.state.container = container`), else unknown."""
    sites = model.callers.get(builder, ()) if depth < _MAX_DEPTH else ()
    answers = {_site_lifetime(model, edge, depth + 1) for edge in sites if edge.caller in model.functions}
    return "process" if "process" in answers else "unknown"


def _returned(func: "FunctionFacts", line: int) -> bool:
    """The instance built at `line` is returned, alone or as an argument of the returned call
    (`return Container(cards=CardService(...), ...)`)."""
    lines = {v["line"] for v in func.returns_values if isinstance(v, dict) and "line" in v}
    return line in lines or any(
        site.line in lines and site.line < line <= site.end_line and any(
            isinstance(arg, dict) and arg.get("line") == line for arg in (*site.args, *site.kwargs.values()))
        for site in func.calls)


def _held_by_returned(model: "ProjectModel", caller: str, func: "FunctionFacts", line: int) -> bool:
    """The instance built at `line` is bound to a local handed to a project class built inside the
    returned expression (`ocr = OcrService(...)` ... `return Container(consumer=Consumer(redis, ocr))`):
    the returned object holds it, so its lifetime is the caller's. A local handed to a returned
    function call (`return await self._heal(recorder=recorder)`) is only used by it."""
    local = func.names_bound_on(line)
    lines = {v["line"] for v in func.returns_values if isinstance(v, dict) and "line" in v}
    returned = [site for site in func.calls if site.line in lines]
    if not local or not returned:
        return False
    built = {(e.site.line, e.site.col) for e in model.edges.get(caller, ()) if e.target.kind == "class"}
    return any((site.line, site.col) in built and site.line > line
               and any(r.line <= site.line <= r.end_line for r in returned)
               and any(isinstance(a, dict) and a.get("ref") in local for a in (*site.args, *site.kwargs.values()))
               for site in func.calls)


def _starts_with_process(model: "ProjectModel", fq: str, func: "FunctionFacts") -> bool:
    starts = model.memo("lifetime.startup", lambda: {
        e.function for e in model.app.entrypoints if e.kind in ("lifespan", "startup")})
    return fq in starts or any(d.func in MEMOISERS for d in func.decorators)


def _stored_on_state(func: "FunctionFacts", line: int) -> bool:
    return any(isinstance(value, dict) and value.get("line") == line
               for _chain, value, _line in func.extra.get("state_assigns", ()))


def _stored_on_class(func: "FunctionFacts", line: int) -> bool:
    """`cls._instance = Manager(...)`: a class attribute, shared for the life of the process."""
    return any(store.get("line") == line and str(store.get("target", "")).startswith("cls.")
               for store in func.extra.get("stores", ()))


def process_provider(func: "FunctionFacts") -> bool:
    """A function taking no arguments whose result a cache keeps (`@lru_cache def get_settings()`):
    every caller in the process gets the same object, a singleton built on first use."""
    return not func.params and any(d.func in MEMOISERS for d in func.decorators)
