"""Project decorators that hand the decorated function on instead of calling it.

`@sql def save(...)`, where `sql(func)` returns a wrapper that puts `(future, func, args)`
on a queue a worker thread drains (or passes `func` to an executor) and never calls `func`
itself: the body runs in that worker, and the caller only gets a future back. A blocking call
in such a body does not block the caller, so the body is no blocking work of its callers.
Recognised from the decorator's own body, whatever it is named.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...facts.extract import DEFERRERS, OFFLOADERS
from ...knowledge.queues import QUEUE_PUTS
from ...model.resilience.guards import resolved_name

if TYPE_CHECKING:
    from ...model.project import ProjectModel

# Calls that take a callable (or an item holding one) to run it elsewhere or later, never on the
# spot: a queue a worker drains, an executor or thread, a loop callback. Passing `fn` to anything
# else (`run_with_retry(fn, *a)`, `tracer.trace(fn)`) may well call it right there.
_HANDOFFS = frozenset({*QUEUE_PUTS, *OFFLOADERS, *DEFERRERS, "Thread", "Process", "Timer", "start_new_thread"})


def defers_body(model: "ProjectModel", fq: str) -> bool:
    """Some decorator of the function `fq` hands it on without calling it (see the module)."""
    entry = model.functions.get(fq)
    if entry is None or not entry[1].decorators:
        return False
    facts, func = entry
    known = model.memo("concurrency.deferring_decorators", dict)
    for deco in func.decorators:
        if deco.is_call:
            continue  # a factory's decorator: not followed here
        key = (facts.module, deco.func)
        if key not in known:
            known[key] = _hands_on(model, resolved_name(model, facts, None, deco.func))
        if known[key]:
            return True
    return False


def _hands_on(model: "ProjectModel", decorator: str) -> bool:
    """`decorator(fn)` returns a local wrapper that hands `fn` to a queue put, an executor, a
    thread or a loop callback (`_HANDOFFS`) and never calls `fn` itself."""
    fn, wrapper = model.decorator_wrapper(decorator) or ("", None)
    if not fn or wrapper is None or wrapper.is_async:
        return False
    calls = wrapper.calls
    if any(site.func == (fn,) for site in calls):
        return False
    return any(_mentions(arg, fn) for site in calls if site.func and site.func[-1] in _HANDOFFS
               for arg in [*site.args, *site.kwargs.values()])


def _mentions(value: object, name: str) -> bool:
    """The argument value is `name` itself or a literal holding it (`(future, fn, args)`)."""
    if isinstance(value, dict):
        if value.get("ref") == name:
            return True
        return any(_mentions(item, name) for item in value.get("items", ()))
    return False
