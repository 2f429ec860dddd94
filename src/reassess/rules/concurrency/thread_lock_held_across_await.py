"""RA304 deadlock: a threading lock held across an `await` in a coroutine."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...facts.types import FunctionFacts, LockUse
from ...findings import Finding, Location
from ...knowledge.locks import is_lock_name
from ...model.app import is_test_path
from ...model.overrides import UNCALLED_NOTE, never_runs
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._entries import EntryIndex, entry_index
from ._locks import ASYNC_KINDS, THREAD_KINDS, Lock, LockIndex, released_at, typed_locks

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_AWAITING = ("await", "async-with", "async-for")


@register
class ThreadLockHeldAcrossAwait(Rule):
    """A `threading` lock (plain `with`) held while the coroutine awaits.

    What it finds:
        `with self._lock:` inside an `async def` whose body contains an `await`, `async with`
        or `async for`. A plain `with` cannot take an `asyncio.Lock`, so the lock is a thread
        lock (threading, multiprocessing, a file lock). A name without a lock word counts when
        its constructor shows it is a thread lock (`_fx_guard = threading.Lock()`), and a thread
        lock taken by hand (`self._lock.acquire()` ... `finally: self._lock.release()`). Per-key
        locks taken from a container (`with self._send_locks[claim_id]:`) count too. A thread
        lock taken and released without awaiting in between is fine and not reported. In a
        coroutine nothing in the project calls (dead code) it is reported at LOW, and said so.
        A one-time initialiser only startup runs (`if self._initialized: return`, then the lock,
        then `self._initialized = True`, awaited in the lifespan) is not reported: nothing else
        runs on the loop yet to reach the lock while it waits, unless a task that startup code
        spawned takes the same lock. A startup coroutine meant to run again (`refresh()`) still is.

    Why it matters:
        At the `await` the coroutine gives the event loop to other tasks while still holding
        the lock. The next task that reaches the same `with` blocks the whole event-loop
        thread on `acquire()`; the holder can never resume to release it, because it needs
        that very thread. The process hangs: every request and task stops.

    Example:
        async def refresh_snapshot(self, user_id):
            with self._snapshot_lock:
                summary = await self.get_summary(user_id)

    Instead:
        Use an `asyncio.Lock` (and `async with`), or hold the thread lock only around the
        synchronous part:

            summary = await self.get_summary(user_id)
            with self._snapshot_lock:
                self._last_snapshot[user_id] = summary
    """

    id = "RA304"
    name = "thread-lock-held-across-await"
    category = "deadlock"
    severity = "CRITICAL"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        locks = LockIndex(model)
        index = entry_index(ctx)
        examined = 0
        for fq, facts, func in model.iter_functions():
            if not func.is_async or is_test_path(facts.path):
                continue
            for use in _taken(locks, fq, func):
                if use.is_async:
                    continue
                examined += 1
                lock = locks.lock(fq, use.expr)
                if lock is not None and lock.kind in ASYNC_KINDS:
                    continue
                waits = [s for s in func.calls if s.used_as in _AWAITING and use.line < s.line <= use.end_line]
                if (use.awaits_inside or waits) and not (
                        index.startup_only(fq) and _initialises_once(func, use.line)
                        and not _contended_at_startup(model, locks, index, fq, lock)):
                    yield self._finding(ctx, fq, facts.path, use, lock, waits)
        ctx.examine("thread locks taken in coroutines", examined)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, use, lock, waits) -> Finding:
        shown = use.expr.replace(".[]", "[...]")
        name = lock.short if lock is not None else shown
        kind = f" (`{lock.kind}`)" if lock is not None and lock.kind else ""
        first = waits[0] if waits else None
        await_text = f"awaits `{first.name}(...)` at line {first.line}" if first else "awaits"
        points = use.awaits_inside or len(waits)
        description = (
            f"`{short(fq)}` holds the thread lock `{name}`{kind} from line {use.line} and {await_text} "
            f"({points} await point{'s' if points > 1 else ''} inside the block). "
            f"While it is suspended another task reaching `with {shown}:` blocks the event-loop thread "
            f"on acquire, and the holder can never resume to release it.")
        related = [Location(path, s.line, s.end_line, "await while the thread lock is held") for s in waits[:3]]
        body = ctx.model.line_text(path, first.line) if first else "..."
        if use.expr.endswith(".[]"):
            container = use.expr[:-3]
            swap = f"make `{container}` hand out `asyncio.Lock`s (`defaultdict(asyncio.Lock)`) and use `async with`"
        else:
            swap = f"replace it with an `asyncio.Lock` (`{use.expr} = asyncio.Lock()`) and `async with`"
        recommendation = (
            f"{swap[0].upper()}{swap[1:]}, or keep the thread lock only around the synchronous update, "
            f"outside the await:\n\n"
            f"    async with {shown}:  # an asyncio.Lock\n        {body}")
        uncalled = never_runs(ctx.model, fq) == "uncalled"
        return self.finding(
            Location(path, use.line, use.line), f"Thread lock `{name}` held across `await` in `{short(fq)}`",
            description + (UNCALLED_NOTE if uncalled else ""), related=related, recommendation=recommendation,
            severity="LOW" if uncalled else None)


def _taken(locks: LockIndex, fq: str, func: FunctionFacts) -> list[LockUse]:
    """Every thread-style hold of a lock in the function: `with`, per-key `with`, by hand."""
    return [*func.locks, *_keyed_locks(func), *typed_locks(locks, fq, func), *_explicit_acquires(locks, fq, func)]


def _initialises_once(func: FunctionFacts, line: int) -> bool:
    """The coroutine is a one-time initialiser: an `if` ending before the lock, whose body ends in a
    `return` or `raise`, is taken when an attribute of `self` is set that the function stores `True`
    into somewhere in its body (`if self._initialized: return` beside `self._initialized = True`).
    A method without that guard (`refresh()`) is meant to run again, and may be called once serving."""
    done = {store["target"] for store in func.extra.get("stores", ())
            if store.get("scalar") is True and store["target"].startswith("self.")}
    return any(block["kind"] == "if" and block.get("exits") and block["end"] < line
               and done.intersection(block.get("present", ())) for block in func.extra.get("blocks", ()))


def _contended_at_startup(model: "ProjectModel", locks: LockIndex, index: EntryIndex, fq: str,
                          lock: Lock | None) -> bool:
    """Startup code held the lock across an await: only a task it spawned before (a background
    worker started in the lifespan) can take the lock on the loop meanwhile. Routes run after
    startup finishes; a lock of unknown identity is taken as uncontended."""
    if lock is None:
        return False
    return any(not use.is_async and locks.lock(other, use.expr) == lock
               for other, _, func in model.iter_functions(within=index.spawned_at_startup() - {fq})
               for use in _taken(locks, other, func))


def _keyed_locks(func: FunctionFacts) -> list[LockUse]:
    """`with self._send_locks[key]:`: a lock looked up per key in a lock-named container (the
    extractor records only plain lock names in `func.locks`)."""
    found = []
    for entry in func.extra.get("withs", ()):
        parts = entry["expr"].split(".")
        if entry["async"] or len(parts) < 2 or parts[-1] != "[]" or "[]" in parts[:-1]:
            continue
        if is_lock_name(parts[-2]):
            found.append(LockUse(entry["expr"], entry["line"], entry["end"], False))
    return found


def _explicit_acquires(locks: LockIndex, fq: str, func: FunctionFacts) -> list[LockUse]:
    """`self._lock.acquire()` on a known thread lock, held until its `release()` (or the end of
    the function): the same hold as a `with` block, written by hand around a `try/finally`."""
    found = []
    for site in func.calls:
        chain = site.func or ()
        if len(chain) < 2 or chain[-1] != "acquire" or site.awaited or site.used_as:
            continue
        expr = ".".join(chain[:-1])
        lock = locks.lock(fq, expr)
        if lock is None or lock.kind not in THREAD_KINDS:
            continue
        found.append(LockUse(expr, site.line, released_at(func, site), False))
    return found
