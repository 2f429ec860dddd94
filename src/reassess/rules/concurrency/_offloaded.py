"""A sync project function the project runs in a worker thread elsewhere, called on the event loop.

Nothing in the function's name says it is slow, but the project's own code does: another call
site hands it to `asyncio.to_thread` / `run_in_executor` (`await asyncio.to_thread(render, doc)`).
A coroutine calling it directly runs the same work on the loop: the offload was forgotten there.
Functions that reach blocking I/O are RA301's subject and left to it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.blocking import Blocking, blocking_io
from ._blocking import negligible_call, target_name

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

OFFLOADED_ELSEWHERE = Blocking(
    "cpu", "work the project runs in a worker thread at its other call sites",
    "`await asyncio.to_thread(...)`, as the other call sites do")
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


def _offloaded(model: "ProjectModel") -> set[str]:
    """The sync project functions some call site hands to a worker thread."""
    def build() -> set[str]:
        return {edge.target.name for edges in model.edges.values() for edge in edges
                if edge.site.offloaded and edge.target.kind == "function" and edge.target.name in model.functions}
    return model.memo("concurrency.offloaded_functions", build)


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
