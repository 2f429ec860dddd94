"""Background workers and how they survive failures: the loop that keeps each one alive, the
awaits in it that can raise without a handler inside the loop, and whether anything
supervises the task (a done-callback, a restarting wrapper). The awaits are sorted in
`loop_awaits`, what watches the task is found in `task_watch`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge.queues import MESSAGE_STREAM_ITERATORS
from ..app import EntryPoint
from ..worker_loops import async_iterated, endless_loop
from . import blocks as blk
from .connections import teardown
from .loop_awaits import SAFE_WAITS as SAFE_WAITS  # re-exported: the waits a worker's loop pauses on
from .loop_awaits import sort_site
from .task_watch import (as_supervisor, done_callback, request_scoped, restarted_when_done, restarting_starter,
                         starter_callback, supervision_of)

if TYPE_CHECKING:
    from ..project import ProjectModel


@dataclass
class Worker:
    entry: EntryPoint
    fq: str  # the function holding the loop
    facts: ModuleFacts
    func: FunctionFacts
    loop: dict[str, Any]  # the block of the loop that keeps it alive
    unguarded: list[CallSite] = field(default_factory=list)  # awaits that end the loop when they raise
    supervised: str = ""  # why a failure does not go unnoticed ("" when nothing watches the task)
    sleeps: list[CallSite] = field(default_factory=list)
    waits: list[CallSite] = field(default_factory=list)  # awaits that wait for work (queue, event, sleep)
    guarded: list[CallSite] = field(default_factory=list)  # fallible awaits caught inside the loop
    notified: str = ""  # a done-callback the project's task starter adds: it hears of the end, restarts nothing

    def to_dict(self) -> dict[str, Any]:
        return {
            "worker": self.entry.name, "function": self.fq, "path": self.facts.path, "loop_line": self.loop["line"],
            "started_at": f"{self.entry.started_at[0]}:{self.entry.started_at[1]}" if self.entry.started_at else "",
            "at_startup": bool(self.entry.details.get("at_startup")),
            "unguarded_awaits": [s.line for s in self.unguarded], "supervised": self.supervised,
            "recovers": not self.unguarded or bool(self.supervised),
        }


def workers(model: "ProjectModel") -> list[Worker]:
    return model.memo("resilience.workers", lambda: [
        w for w in (_worker(model, e) for e in model.app.of_kind("worker")) if w is not None])


def scheduled_loops(model: "ProjectModel") -> list[Worker]:
    """Long-running loops handed to the project's own scheduler (`scheduler.add("listener",
    hub.run_listener)`, started by its `start()`): a job whose function keeps itself alive with a
    `while True` loop is a worker of its own, whatever restarts it from outside."""
    def build() -> list[Worker]:
        known = {w.fq for w in workers(model)}
        found = [_worker(model, entry) for entry in model.app.of_kind("job")
                 if entry.details.get("framework") == "in-process" and (entry.details.get("loop") or {}).get("forever")]
        return [w for w in found if w is not None and w.fq not in known]
    return model.memo("resilience.scheduled_loops", build)


def free_loops(model: "ProjectModel") -> list[Worker]:
    """Coroutines that keep themselves alive with a loop no success ends (`while True`, or
    `while not stop.is_set()` in a process's `main()`) but that no start the model resolves
    leads to (a runner calling `worker.run()` on the items of a list, a factory handed to a
    project helper, a script's `asyncio.run(main())`): a worker by its shape. Their entry has no
    start site, so only what the loop itself does can be judged, not who watches the task."""
    def build() -> list[Worker]:
        known = {w.fq for w in (*workers(model), *supervisors(model), *scheduled_loops(model))}
        found = []
        for fq, (facts, func) in model.functions.items():
            if fq in known or not func.is_async:
                continue
            loop = _serving_loop(func)
            if loop is None:
                continue
            entry = EntryPoint("worker", fq, facts.path, func.line, f"worker {fq.rsplit('.', 1)[-1]}")
            if not loop.get("forever"):  # name the loop: the keeping-loop default looks for `while True`
                entry.details["loop"] = {"function": fq, "line": loop["line"]}
            worker = _worker(model, entry)
            if worker is not None:
                found.append(worker)
        return found
    return model.memo("resilience.free_loops", build)


def _serving_loop(func: FunctionFacts) -> dict[str, Any] | None:
    """The loop that keeps the coroutine serving: a `while True` loop that no success leaves (not
    a retry-until-it-works loop), else a `while` loop only a flag set from outside ends (`while
    not stop.is_set():`, no `break` or `return` of its own, no local the body rebinds)."""
    loops = [loop for loop in blk.blocks(func, "loop") if not loop.get("ends_on_success")]
    return next((loop for loop in loops if loop.get("forever")), None) or next(iter(loops), None)


def supervisors(model: "ProjectModel") -> list[Worker]:
    """The restarting wrappers that workers run under (`supervise(name, factory)`), each read
    as a worker loop of its own: its loop is what keeps the supervised work going."""
    def build() -> list[Worker]:
        seen: dict[str, Worker] = {}
        for entry in model.app.of_kind("worker"):
            fq = entry.details.get("supervised_by", "")
            if fq and fq not in seen and fq in model.functions:
                found = _worker(model, entry, fq)
                serving = _serving_loop(model.functions[fq][1]) if found is None else None
                if serving is not None:  # `while not stop.is_set():` keeps the wrapper going just the same
                    found = _worker(model, entry, fq, serving["line"])
                if found is not None:
                    seen[fq] = found
        return list(seen.values())
    return model.memo("resilience.supervisors", build)


def _worker(model: "ProjectModel", entry: EntryPoint, function: str = "", loop_line: int = 0) -> Worker | None:
    loop_info = ({"function": function, "line": loop_line} if loop_line else {}) if function \
        else (entry.details.get("loop") or {})
    fq = function or loop_info.get("function") or entry.function
    if fq not in model.functions:
        return None
    facts, func = model.functions[fq]
    loop = _keeping_loop(func, loop_info.get("line", 0))
    if loop is None or not _long_lived(entry, func, loop, loop_info):
        return None  # a one-shot task that happens to loop over its input is not a worker loop
    worker = Worker(entry, fq, facts, func, loop)
    for site in [*blk.calls_in(func, loop["line"], loop["end"]), *_iterated_attribute(func, loop)]:
        sort_site(model, worker, site)
    worker.supervised = supervision_of(model, as_supervisor(entry) if function else entry) or \
        teardown(model, facts, func, loop) or ("" if function else request_scoped(model, worker)) or \
        restarted_when_done(model, entry) or restarting_starter(model, entry)
    worker.notified = starter_callback(model, entry) or (
        "" if worker.supervised else done_callback(model, entry.details.get("started_in", ""), restarting=False))
    return worker


def _iterated_attribute(func: FunctionFacts, loop: dict[str, Any]) -> list[CallSite]:
    """`async for message in client.messages:`: the loop awaits each item from an attribute, not a
    call, so the facts keep no call site for it; yet it fails as `pubsub.listen()` does when the
    connection under it drops. A stand-in call site of that name at the loop's head (used only
    here, never in the call graph) lets it be filed like the call."""
    ref = dict(async_iterated(func)).get(loop["line"])
    if ref is None:
        return []
    return [CallSite(tuple(ref.split(".")), loop["line"], loop["line"], 0, awaited=True, loop_line=loop["line"],
                     loop_iter=ref, used_as="async-for")]


def _long_lived(entry: EntryPoint, func: FunctionFacts, loop: dict[str, Any], loop_info: dict[str, Any]) -> bool:
    """The loop keeps the task going: a `while` loop, a task started at startup, or the
    subscription the entry's loop consumes."""
    return bool(_while_loop(func, loop) and not _drains(func, loop) or entry.details.get("at_startup")
                or _subscription(loop_info) and loop["line"] == loop_info.get("line"))


def _drains(func: FunctionFacts, loop: dict[str, Any]) -> bool:
    """`while True: await anext(it)` until `StopAsyncIteration`: an `async for` over an iterator
    the task was given, which ends with it; once an async generator raises, it is finished too,
    so no handler in the loop could keep it going."""
    calls = [site for site in blk.calls_in(func, loop["line"], loop["end"]) if site.func]
    return bool(calls) and all(site.func[-1] in ("anext", "__anext__") for site in calls)


def _subscription(loop_info: dict[str, Any]) -> bool:
    """The task consumes a subscription (`async for m in pubsub.listen():`): it lives as long as the
    stream does, like a `while True` worker, whoever started it (a socket's `iter_text()` as well:
    a stream that delivers for as long as it lives, not a response read to its end)."""
    return str(loop_info.get("stream", "")).rsplit(".", 1)[-1] in MESSAGE_STREAM_ITERATORS


def _keeping_loop(func: FunctionFacts, line: int) -> dict[str, Any] | None:
    loops = list(blk.blocks(func, "loop"))
    for loop in loops:
        if loop["line"] == line:
            return loop
    found = next((loop for loop in loops if loop.get("forever")), None)
    return found or next((loop for loop in loops if _counting_loop(func, loop)), None)


def _counting_loop(func: FunctionFacts, loop: dict[str, Any]) -> bool:
    """`for restart in itertools.count():` never ends on its own, like `while True`."""
    info = func.extra.get("loops", {}).get(loop["line"], {})
    return info.get("kind") == "for" and endless_loop(info)


def _while_loop(func: FunctionFacts, loop: dict[str, Any]) -> bool:
    """`while True` or `while <running flag>`: a loop meant to run until stopped (a drain that
    leaves once its buffer is empty is not, nor one that leaves after each pass unless a flag it
    clears asks for another)."""
    info = func.extra.get("loops", {}).get(loop["line"], {})
    if info.get("drains") or info.get("rerun"):
        return False
    return bool(loop.get("forever")) or endless_loop(info)
