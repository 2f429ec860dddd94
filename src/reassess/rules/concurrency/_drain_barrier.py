"""A drain barrier: a lock held while waiting for in-flight work to finish, on purpose.

    async with self._connection_lock:          # no new query starts ...
        await self._drained.wait()             # ... until the running ones have finished

    (elsewhere, in each query's `finally`, with no `_connection_lock` held)
        self._drained.set()

The waiter holds the lock so that nothing new starts while it waits; the event's producers set
it without that lock, so they can always run: the wait ends when the work in flight ends, and
no cycle is possible. Tasks queued on the lock wait for that drain, which is what it is for.
"""
from __future__ import annotations

from ...model.project import Edge
from ._calls import target_name
from ._locks import Lock, LockIndex


def drains_without_lock(model, locks: LockIndex, wait: Edge, lock: Lock) -> bool:
    """`wait` is `self.<event>.wait()` and the event's class sets it somewhere, never with `lock`
    held at the `set()` or in a caller of the function making it."""
    name = target_name(wait)
    func = wait.site.func
    if not name.endswith(".Event.wait") or not func or len(func) != 3 or func[0] != "self":
        return False
    owner = wait.caller.rsplit(".", 1)[0]
    setters = [edge for edge in model.calls_to(name[: -len("wait")] + "set")
               if edge.caller.rsplit(".", 1)[0] == owner and edge.site.func == ("self", func[1], "set")]
    return bool(setters) and not any(_holds(locks, edge, lock) or _called_holding(model, locks, edge.caller, lock)
                                     for edge in setters)


def _holds(locks: LockIndex, edge: Edge, lock: Lock) -> bool:
    return any((held := locks.lock(edge.caller, expr)) is not None and held.id == lock.id
               for expr in edge.site.locks_held)


def _called_holding(model, locks: LockIndex, fq: str, lock: Lock) -> bool:
    """A call of `fq` made with `lock` held: its `set()` then needs the lock too."""
    return any(_holds(locks, edge, lock) for edge in model.calls_to(fq))
