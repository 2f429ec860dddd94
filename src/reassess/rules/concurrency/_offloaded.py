"""A sync project function the project runs in a worker thread elsewhere, called on the event loop.

Nothing in the function's name says it is slow, but the project's own code does: another call
site hands it to `asyncio.to_thread` / `run_in_executor` (`await asyncio.to_thread(render, doc)`).
A coroutine calling it directly runs the same work on the loop: the offload was forgotten there.
The same holds for a sibling of such a function: a sync function the coroutine calls directly that
runs the same per-cell grid work (a helper with nested `range` loops) the offloaded function runs
(`process_scene` in the process pool and `render_preview` on the loop, both calling `colorize`).
Functions that reach blocking I/O are RA301's subject and left to it.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ...knowledge.blocking import OFFLOADED_CLIENT, Blocking, blocking_io, builds_locally, known_library
from ._blocking import negligible_call, target_name

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

OFFLOADED_ELSEWHERE = Blocking(
    "cpu", "work the project runs in a worker thread at another call site",
    "`await asyncio.to_thread(...)`, as that call site does")
SHARES_OFFLOADED_WORK = Blocking(
    "cpu", "nested-loop work the project runs in a worker elsewhere",
    "the executor the project already runs that work in")
_IO_DEPTH = 40  # sync helpers looked through for blocking I/O below the offloaded function


def offloaded_elsewhere(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """OFFLOADED_ELSEWHERE when a coroutine calls, without a thread, a sync project function that
    some other call hands to a worker thread by name."""
    caller = model.functions.get(edge.caller)
    fq = edge.target.name
    if edge.target.kind != "function" or edge.site.offloaded or caller is None or not caller[1].is_async:
        return None
    if fq not in _offloaded(model) or model.functions[fq][1].is_async or _reaches_io(model, fq):
        return None
    if any(other.site.offloaded and other.target.name == fq for other in model.edges.get(edge.caller, ())):
        return None  # the coroutine picks per call (`if len(body) < LIMIT: f(body) else: to_thread(f, body)`)
    return OFFLOADED_ELSEWHERE


def shares_offloaded_work(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """SHARES_OFFLOADED_WORK when a coroutine calls, without a thread, a sync project function that
    calls a nested-loop helper which a function the project offloads calls too."""
    caller = model.functions.get(edge.caller)
    fq = edge.target.name
    if edge.target.kind != "function" or edge.site.offloaded or caller is None or not caller[1].is_async:
        return None
    if fq not in model.functions or model.functions[fq][1].is_async or fq in _offloaded(model):
        return None
    heavy = _offloaded_loop_work(model)
    shared = any(not inner.site.offloaded and model.callee_function(inner.target) in heavy
                 for inner in model.edges.get(fq, ()))
    if not shared or _reaches_io(model, fq):
        return None
    if any(other.site.offloaded and other.target.name == fq for other in model.edges.get(edge.caller, ())):
        return None
    return SHARES_OFFLOADED_WORK


def _offloaded_loop_work(model: "ProjectModel") -> set[str]:
    """Sync project helpers with nested loops that an offloaded function calls directly: the work
    the project itself judged too heavy for the loop."""
    def build() -> set[str]:
        found: set[str] = set()
        for fq in _offloaded(model):
            for edge in model.edges.get(fq, ()):
                callee = model.callee_function(edge.target)
                if callee in model.functions and callee not in found and _nested_loops(model.functions[callee][1]):
                    found.add(callee)
        return found
    return model.memo("concurrency.offloaded_loop_work", build)


def _nested_loops(func) -> bool:
    """A sync function with a `for ... in range(n)` loop inside another (`for y in range(h): for x in
    range(w)`): per-cell work over a grid whose size comes from the data. Loops over a collection's
    items, capped counts and literal ranges (`range(-3, 4)`) are not that."""
    if func.is_async:
        return False
    spans = [(line, info.get("end", line)) for line, info in func.extra.get("loops", {}).items()
             if info.get("kind") == "for" and not info.get("capped") and _data_range(func, line, info)]
    return any(outer < inner <= outer_end for outer, outer_end in spans for inner, _ in spans)


def _data_range(func, line: int, info: dict) -> bool:
    """The loop walks `range(...)` with a bound that is not a literal number."""
    iterable = info.get("iter")
    if not (isinstance(iterable, dict) and iterable.get("call") == "range"):
        return False
    site = next((s for s in func.calls if s.line == line and s.func == ("range",)), None)
    return site is not None and any(not isinstance(arg, (int, float)) for arg in site.args)


def _offloaded(model: "ProjectModel") -> set[str]:
    """The sync project functions some call site hands to a worker thread, and the function a
    handed-over one-line wrapper returns the call of (`def _score(s, t): return pairwise_scores(...)`
    given to a process pool, often only because a method or a lambda does not pickle): that is the
    work the project runs there."""
    def build() -> set[str]:
        handed = {edge.target.name for edges in model.edges.values() for edge in edges
                  if edge.site.offloaded and edge.target.kind == "function" and edge.target.name in model.functions}
        return handed | {inner for fq in handed if (inner := _wrapped(model, fq))}
    return model.memo("concurrency.offloaded_functions", build)


def _wrapped(model: "ProjectModel", fq: str) -> str:
    """The sync project function `fq` only returns the call of (its body is `return f(...)`), "" else."""
    func = model.functions[fq][1]
    returned = func.returns_values[0] if len(func.returns_values) == 1 else None
    if func.is_async or func.local_types or func.loops or not isinstance(returned, dict) \
            or returned.get("line") != func.body_line or "call" not in returned:
        return ""
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target)
        if edge.site.line == func.body_line and edge.site.name == returned["call"] and callee in model.functions:
            return "" if model.functions[callee][1].is_async else callee
    return ""


def _reaches_io(model: "ProjectModel", fq: str) -> bool:
    """The function or a sync helper below it makes a blocking I/O call (RA301 reports that);
    once per run and function."""
    return model.memo(f"concurrency.offloaded_reaches_io.{fq}", lambda: _walk_to_io(model, fq))


def _walk_to_io(model: "ProjectModel", fq: str) -> bool:
    seen, stack = {fq}, [fq]
    while stack and len(seen) < _IO_DEPTH:
        for edge in model.edges.get(stack.pop(), ()):
            name = target_name(edge)
            if name and blocking_io(name) and not negligible_call(model, edge, name):
                return True
            callee = model.callee_function(edge.target)
            if callee in model.functions and callee not in seen and not model.functions[callee][1].is_async:
                seen.add(callee)
                stack.append(callee)
    return False


def offloaded_client_call(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """OFFLOADED_CLIENT for a call a sync method makes on a third-party client it holds
    (`self._sdk.calendar.slots(...)`) when the project runs the class's other methods that use
    that client in worker threads (`to_thread(self.title.open_order, ...)`): the project's own
    code says the client's requests block, though no knowledge names its library. A method that
    only builds a value (`self._sdk.urls.build(path)`) makes no request, whatever the client is."""
    attr = _held_client(edge)
    if not attr or edge.site.offloaded or builds_locally(edge.site.func[-1]):
        return None
    caller = model.functions.get(edge.caller)
    if caller is None or caller[1].is_async or not caller[1].class_name:
        return None
    owner = edge.caller.rpartition(".")[0]
    users = model.memo("concurrency.offloaded_client_users", lambda: _offloaded_client_users(model))
    return OFFLOADED_CLIENT if users.get((owner, attr), set()) - {edge.caller} else None


def _held_client(edge: "Edge") -> str:
    """The attribute holding the third-party client the call is made on (`_sdk` for
    `self._sdk.calendar.slots(...)`), "" when it is not one: the standard library and the
    libraries knowledge describes are answered there."""
    chain = edge.site.func
    if edge.target.kind != "external" or len(chain) < 3 or chain[0] != "self":
        return ""
    if edge.target.name.split(".", 1)[0] in sys.stdlib_module_names or known_library(edge.target.name):
        return ""
    return chain[1]


def _offloaded_client_users(model: "ProjectModel") -> dict[tuple[str, str], set[str]]:
    """(class, attribute) -> the methods of the class handed to a worker thread by name that call
    a third-party client held in that attribute (`self._sdk.orders.create(...)`); a call that only
    builds a value is no sign the client's requests block."""
    found: dict[tuple[str, str], set[str]] = {}
    for fq in _offloaded(model):
        func = model.functions.get(fq)
        if func is None or func[1].is_async or not func[1].class_name:
            continue
        for edge in model.edges.get(fq, ()):
            attr = _held_client(edge)
            if attr and not builds_locally(edge.site.func[-1]):
                found.setdefault((fq.rpartition(".")[0], attr), set()).add(fq)
    return found
