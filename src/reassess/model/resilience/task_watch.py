"""What hears of a worker task's end: a supervisor restarting it, a done-callback, a starter that
awaits it, cancels it with the run or request it serves, keeps it in a task group or hands it back
to its caller. A worker whose task nothing watches dies silently on its first failure."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge.exceptions import CATCHES_CANCELLATION, is_broad, last_name
from ...knowledge.lifecycle import ONE_TIME_STARTS
from ...knowledge.logs import LOG_METHODS
from ...knowledge.queues import QUEUE_PUTS
from ...knowledge.taskgroups import GROUP_OPENER_NAMES
from ..app import EntryPoint
from ..origins import positional_params
from ..task_groups import started_in_group
from . import blocks as blk
from .connections import RECEIVES
from .guards import resolved_name
from .triggers import request_driven, request_entry

if TYPE_CHECKING:
    from ..project import ProjectModel
    from .tasks import Worker

_SUPERVISION = ("add_done_callback",)
# A done-callback that only drops the task from a collection keeps a reference, it watches nothing.
_BOOKKEEPING = frozenset({"discard", "remove", "pop"})
# Awaiting these on a task hears of its end (and of its exception) in the starter.
_TASK_WAITS = frozenset({"asyncio.wait", "asyncio.gather", "asyncio.wait_for", "asyncio.shield"})


def supervision_of(model: "ProjectModel", entry: EntryPoint) -> str:
    """A done-callback on the task, a starter that restarts what it runs, or one that waits
    for the task itself."""
    if entry.details.get("supervised_by"):
        return f"restarted by `{entry.details['supervised_by'].rsplit('.', 1)[-1]}`"
    if entry.details.get("script"):  # `asyncio.run(main())` raises what ends the loop: the process exits with it
        return f"run by `{entry.details.get('starter', 'asyncio.run')}`: a failure ends the process, visibly"
    waited = _waited_by_starter(model, entry) or _in_task_group(model, entry) or _scoped_to_starter(model, entry)
    if waited:
        return waited
    spawners = [entry.details.get("started_in", "")]
    loop_fq = (entry.details.get("loop") or {}).get("function", "")
    if loop_fq and loop_fq != entry.function:  # the loop runs in a task the worker starts itself
        spawners += sorted({edge.caller for edge in model.callers.get(loop_fq, ())})
    return next((found for fq in spawners if (found := done_callback(model, fq))), "")


def as_supervisor(entry: EntryPoint) -> EntryPoint:
    """The supervised task's entry seen from its supervisor: the restarts are the supervisor's
    own work, nothing restarts the supervisor when its loop fails."""
    return replace(entry, details={k: v for k, v in entry.details.items() if k != "supervised_by"})


def restarted_when_done(model: "ProjectModel", entry: EntryPoint) -> str:
    """The code that starts the task starts it again once the last one has ended (`if not
    self._watch or self._watch.done(): self._watch = asyncio.create_task(...)`) and is not a
    one-time start (`start`, `setup`, `__aenter__`): it runs again with the work it serves (each
    frame received), so a failure costs the worker until the next call, not for good."""
    started, starter = entry.started_at, entry.details.get("started_in")
    if not started or starter not in model.functions:
        return ""
    func = model.functions[starter][1]
    if func.name in ONE_TIME_STARTS:
        return ""
    held = func.names_bound_on(started[1]) | {
        store["target"] for store in func.extra.get("stores", ())
        if store["line"] == started[1] and store["kind"] == "set" and not store["item"]}
    done = {f"{name}.done" for name in held}
    tested = any(block["line"] <= started[1] <= block["end"] and any(call[0] in done for call in block.get("calls", ()))
                 for block in blk.blocks(func, "if"))
    return f"started again by `{func.name}` once the last run has ended" if tested else ""


_RESTARTS = frozenset({"create_task", "ensure_future"})


def restarting_starter(model: "ProjectModel", entry: EntryPoint) -> str:
    """The project function that starts the task (`_supervise(app, "relay", factory)`) adds a
    done-callback that starts it again: the callback calls that function once more, or creates a
    task itself (`def _restart(t): ...; _supervise(app, name, factory)`). Callbacks that only log,
    count or forget the task restart nothing and are not this."""
    starter = entry.details.get("starter", "")
    if starter not in model.functions:
        return ""
    facts, func = model.functions[starter]
    for site in func.calls:
        callback = site.args[0] if site.func and site.func[-1] in _SUPERVISION and site.args else None
        ref = callback.get("ref", "") if isinstance(callback, dict) else ""
        target = resolved_name(model, facts, func, ref) if ref else ""
        if target in model.functions and any(
                edge.target.name == starter or edge.site.func and edge.site.func[-1] in _RESTARTS
                for edge in model.edges.get(target, ())):
            return f"restarted by the done-callback `{ref}` that `{starter.rsplit('.', 1)[-1]}` adds"
    return ""


def starter_callback(model: "ProjectModel", entry: EntryPoint) -> str:
    """The done-callback a project wrapper (`registry.spawn(coro)`) adds to every task it starts."""
    starter = entry.details.get("starter", "")
    return done_callback(model, starter) or done_callback(model, starter, restarting=False)


def _waited_by_starter(model: "ProjectModel", entry: EntryPoint) -> str:
    """`tasks = [create_task(pump()), ...]; await asyncio.wait(tasks, ...)`: the function that
    starts the task holds it and awaits its end while it runs, so a failure ends the wait and is
    acted on there."""
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started:
        return ""
    facts, func = model.functions[scope]
    bindings = _bindings(func)
    held = {name for name, value in bindings if _holds_task(value, started[1])}
    held |= {name for name, value in bindings if _holds_names(value, held)}  # `tasks = {a, b}`
    held |= _comprehension_of_starts(func, bindings, started[1])
    held |= _collected_starts(func, started[1])
    # a wait after `task.cancel()` only collects the cancelled task (`cancel(); await gather(task)`)
    cancelled = min((s.line for s in func.calls if s.func and s.func[-1] == "cancel" and s.line > started[1]),
                    default=func.end_line + 1)
    for site in func.calls:
        if site.awaited and site.line < cancelled and \
                any(_names_task(arg, held) for arg in (*site.args, *site.star_values)) and \
                resolved_name(model, facts, func, site.name) in _TASK_WAITS:
            return f"awaited with `{site.name}` in {scope.rsplit('.', 1)[-1]} (line {site.line})"
    return _handed_back(model, (facts, func), held, started[1], scope)


def _comprehension_of_starts(func: FunctionFacts, bindings: list[tuple[str, Any]], started: int) -> set[str]:
    """`workers = [create_task(worker()) for _ in range(n)]`: the list the comprehension around
    the start builds (the local bound to a comprehension over the same iterable) holds every task
    it starts."""
    loops = func.extra.get("loops", {})
    comps = [loops[s.loop_line] for s in func.calls if s.line == started and s.loop_line in loops
             and loops[s.loop_line].get("kind") == "comp"]
    return {name for name, value in bindings if isinstance(value, dict)
            and value.get("literal") in ("listcomp", "setcomp")
            and any(value.get("over") == comp.get("iter") for comp in comps)}


def _collected_starts(func: FunctionFacts, started: int) -> set[str]:
    """`tasks.append(asyncio.create_task(one()))`: the local collection the start is added to on
    its own line holds every task started there (then `await asyncio.gather(*tasks)`)."""
    return {site.func[0] for site in func.calls if site.line == started and site.func and len(site.func) == 2
            and site.func[-1] in ("append", "add") and site.func[0] in func.local_types}


def _bindings(func: FunctionFacts) -> list[tuple[str, Any]]:
    """Each local with what it is bound to: the first binding, and later ones that hold items
    (`tasks: list[Task] = []`, then `tasks = [create_task(a()), ...]` in the reconnect loop)."""
    later = [(name, value) for name, values in func.extra.get("rebound_items", {}).items() for value in values]
    return [*func.local_types.items(), *later]


def _names_task(arg: Any, held: set[str]) -> bool:
    """An argument of a wait naming a held task: `tasks`, or `[public_task, market_task]`."""
    return isinstance(arg, dict) and (arg.get("ref") in held or _holds_names(arg, held))


def _handed_back(model: "ProjectModel", where: tuple[ModuleFacts, FunctionFacts], held: set[str], started: int,
                 scope: str) -> str:
    """`loops = [create_task(pump(ch)), ...]; return channel, loops`: the starter returns the task to
    its caller, which holds it and decides when it ends (awaits or cancels it); also inside the
    object it returns (`return Execution(events=stream(), final_task=task)`)."""
    func = where[1]
    for value, line in zip(func.returns_values, func.extra.get("return_lines", ())):
        items = value.get("items", ()) if isinstance(value, dict) and "literal" in value else (value,)
        items = (*items, *_built_with(model, where, value))
        if any(isinstance(item, dict) and (item.get("ref") in held or "call" in item and item.get("line") == started)
               for item in items):
            return f"returned to the caller of {scope.rsplit('.', 1)[-1]} (line {line})"
    return ""


def _built_with(model: "ProjectModel", where: tuple[ModuleFacts, FunctionFacts], value: Any) -> tuple[Any, ...]:
    """The arguments of a returned object's construction (`Execution(final_task=task)`): what the
    object holds for the caller."""
    func = where[1]
    if not isinstance(value, dict) or not _constructs(model, where, str(value.get("call", ""))):
        return ()
    site = next((s for s in func.calls if s.line == value.get("line") and ".".join(s.func) == value["call"]), None)
    return (*site.args, *site.kwargs.values()) if site is not None else ()


def _constructs(model: "ProjectModel", where: tuple[ModuleFacts, FunctionFacts], call: str) -> bool:
    """The call builds an object: it resolves to a project class, or to a library name whose last
    part is a class's (capitalised); a function returning one is not known to hold its arguments."""
    found = model.resolver.type_of_chain(*where, tuple(call.split("."))) if call else None
    if found is None:
        return False
    return found[0] == "class" or found[0] == "ext" and found[1].rsplit(".", 1)[-1][:1].isupper()


def _holds_names(value: Any, names: set[str]) -> bool:
    """A list/tuple/set literal holding one of the task locals (`tasks = {send_task, receive_task}`)."""
    return isinstance(value, dict) and value.get("literal") in ("list", "tuple", "set") and any(
        isinstance(item, dict) and item.get("ref") in names for item in value.get("items", ()))


def _holds_task(value: Any, line: int) -> bool:
    """A local bound to the task started at `line`, or to a list/tuple literal holding it."""
    if not isinstance(value, dict):
        return False
    if "call" in value:
        return value.get("line") == line
    return value.get("literal") in ("list", "tuple", "set") and any(
        isinstance(item, dict) and "call" in item and item.get("line") == line for item in value.get("items", ()))


def _in_task_group(model: "ProjectModel", entry: EntryPoint) -> str:
    """`async with anyio.create_task_group() as tg: tg.start_soon(loop)`: the group waits for its
    tasks and re-raises a failure in the code that opened it, so the task is watched. A task
    spawned into a group object (`self.group.spawn(loop())`, aiorpcx's or a project subclass) is
    kept by that group the same way."""
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started:
        return ""
    spawned = next((found for site in model.functions[scope][1].calls if site.line == started[1]
                    if (found := started_in_group(model, scope, site))), "")
    if spawned:  # `self.group.spawn(loop())`: the group keeps the task and raises its failure where joined
        return f"spawned into the task group `{spawned}`, which keeps it and raises its failure where it is joined"
    group = next((b for b in blk.enclosing(model.functions[scope][1], started[1], "with")
                  if b.get("is_async") and str(b.get("expr", "")).rsplit(".", 1)[-1] in GROUP_OPENER_NAMES), None)
    return f"run in the task group opened at line {group['line']} of {scope.rsplit('.', 1)[-1]}" if group else ""


def _scoped_to_starter(model: "ProjectModel", entry: EntryPoint) -> str:
    """`self._ping = create_task(ping(ws))` ... `finally: self._ping.cancel()`: the starter cancels
    the task when the run it serves ends and starts a new one with the next run (the start is in
    its reconnect loop, or the starter serves the connection it hands the task), so the task
    lives for one connection: its end is not the end of the work."""
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started or model.functions[scope][1].has_yield:
        return ""  # a lifespan cancels its tasks at shutdown: they live for the process
    func = model.functions[scope][1]
    held = _held_at(func, started[1])
    for site in func.calls:
        if site.func and site.func[-1] == "cancel" and ".".join(site.func[:-1]) in held and \
                site.line > started[1] and \
                _per_run(func, started[1], site.line, closure=entry.function.startswith(scope + ".")):
            return f"cancelled with the run that starts it, in the `finally` of {scope.rsplit('.', 1)[-1]} " \
                   f"(line {site.line})"
    return ""


def _held_at(func: FunctionFacts, started: int) -> set[str]:
    """The names (locals, `self.` attributes) holding the task started at line `started`."""
    return func.names_bound_on(started) | {
        f"self.{attr}" for attr, value in func.self_attrs.items() if _holds_task(value, started)}


def _per_run(func: FunctionFacts, started: int, cancel: int, closure: bool = False) -> bool:
    """The cancel at line `cancel` is in a `finally` that ends each run of the task started at
    `started`: one inside the loop around the start, or, outside a loop, in a function handing
    the task a connection it was given (`create_task(ping(ws))`, `ws` a parameter) or running a
    task it defines itself for this call and awaits after the cancel (`closure`: a stop-check
    beside one completion call; `await task` re-raises the task's failure into the call)."""
    finals = blk.enclosing(func, cancel, "finally")
    loops = blk.enclosing(func, started, "loop")
    if loops:
        return any(loops[-1]["line"] <= block["try_line"] <= loops[-1]["end"] for block in finals)
    given = [{"ref": p.name} for p in func.params if p.name not in ("self", "cls")]
    awaited = closure and any(cancel < line <= block["end"] for block in finals
                              for line in func.extra.get("bare_awaits", ()))
    return bool(finals) and (awaited or any(site.line == started and any(arg in given for arg in site.args)
                                            for site in func.calls))


def request_scoped(model: "ProjectModel", worker: Worker) -> str:
    """A task started for one request or socket (`sender = create_task(self._push())` in a websocket
    handler's method, a disconnect watcher or a heartbeat closure in an SSE stream) and cancelled
    however the request ends (in its `finally`, or in the handler of the cancellation a disconnect
    raises; by `task.cancel()` or a cancelling helper), whose loop's end is expected or acted on:
    it catches broadly around the loop (the failure is logged where it happens, not left in the
    Task) or only reads the connection it serves (which fails when the client goes). It lives as
    long as the connection, whose end ends the work anyway; nothing long-lived stops with it."""
    entry = worker.entry
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started or not _serves_one_request(model, scope) or \
            not _end_expected(model, worker):
        return ""
    func = model.functions[scope][1]
    held = _held_at(func, started[1])
    for site in func.calls:
        where = _on_request_end(func, site.line) if site.line > started[1] and _cancels(model, scope, site, held) \
            else ""
        if where:
            return f"cancelled when the request it serves ends, in {where} of {scope.rsplit('.', 1)[-1]} " \
                   f"(line {site.line})"
    return ""


def _cancels(model: "ProjectModel", scope: str, site: CallSite, held: set[str]) -> bool:
    """The call in `scope` cancels a held task: `task.cancel()`, or the task handed to a helper that
    cancels it (a project function calling `.cancel()` on that parameter, or a library one named
    for it: `await cancel_and_wait(task)`)."""
    if not site.func:
        return False
    if site.func[-1] == "cancel":
        return ".".join(site.func[:-1]) in held
    position = next((n for n, arg in enumerate(site.args) if isinstance(arg, dict) and arg.get("ref") in held), -1)
    if position < 0:
        return False
    edge = model.edge_of(scope, site)
    helper = model.callee_function(edge.target) if edge is not None else ""  # a class runs its `__init__`
    if helper in model.functions:
        params = positional_params(model.functions[helper][1])
        return position < len(params) and any(
            call.func == (params[position], "cancel") for call in model.functions[helper][1].calls)
    return site.func[-1].lstrip("_").startswith("cancel")


def _on_request_end(func: FunctionFacts, line: int) -> str:
    """Where `line` runs however the request ends ("" when it does not): a `finally`, or a handler of
    the cancellation a client's disconnect raises into its stream (`except BaseException: ...;
    task.cancel(); raise`)."""
    if blk.enclosing(func, line, "finally"):
        return "the `finally`"
    caught = next((h for h in blk.enclosing(func, line, "except") if not h.get("types")
                   or any(last_name(t) in CATCHES_CANCELLATION for t in h["types"])), None)
    return f"the `except {', '.join(caught.get('types') or ['...'])}` handler" if caught else ""


def _end_expected(model: "ProjectModel", worker: Worker) -> bool:
    """The worker's loop sits in a `try` of its own whose handler catches broadly, or every await
    that can end it reads the connection (`receive_text()`, the ASGI `receive`) or hands an item to
    a queue of unknown type (`await queue.put(ping)`, the queue looked up per client)."""
    func, loop = worker.func, worker.loop
    for block in blk.enclosing(func, loop["line"], "try"):
        handlers = blk.handlers_of(func, block["line"])
        if block["end"] >= loop["end"] and any(is_broad(h.get("types") or []) for h in handlers):
            return True
    unresolved = {id(e.site) for e in model.edges.get(worker.fq, ()) if e.target.kind == "unresolved"}
    return all(s.func and (s.func[-1].lstrip("_") in RECEIVES or id(s) in unresolved and _queue_put(s))
               for s in worker.unguarded)


def _queue_put(site: CallSite) -> bool:
    """`queue.put(item)` on a local: an in-process queue's put (asyncio's, unbounded) fails on
    nothing; a broker's client would resolve to the library or class that sends."""
    return bool(site.func) and len(site.func) == 2 and site.func[-1] in QUEUE_PUTS


def _serves_one_request(model: "ProjectModel", fq: str) -> bool:
    """The function runs for one request or connection, called straight from its endpoint (a
    websocket handler's method, an SSE stream generator), not through a queue that outlives the
    request: a task it starts and cancels in its `finally` lives as long as that one connection."""
    entry = request_entry(model).get(fq)
    return entry is not None and request_driven(model).get(fq) == entry.name


def done_callback(model: "ProjectModel", fq: str, restarting: bool = True) -> str:
    """Where function `fq` adds a done-callback that watches the task (not mere bookkeeping):
    with `restarting`, one that can act on the end; else one that only logs it."""
    if fq not in model.functions:
        return ""
    facts, func = model.functions[fq]
    site = next((s for s in func.calls if s.func and s.func[-1] in _SUPERVISION and not _bookkeeping(s)
                 and _reports_only(model, facts, func, s) != restarting), None)
    return f"`{site.name}` in {fq.rsplit('.', 1)[-1]} (line {site.line})" if site else ""


# what a callback that only reports a task's end calls: the task's accessors, logging, set bookkeeping
_TASK_ACCESSORS = frozenset({"cancelled", "exception", "get_name", "result", "done", "get_coro", *_BOOKKEEPING})


def _reports_only(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite) -> bool:
    """`task.add_done_callback(_log_exit)` where `_log_exit` only reads the task and logs its error:
    the failure is heard of once the task has ended, and nothing starts the work again."""
    callback = site.args[0] if site.args else None
    ref = callback.get("ref", "") if isinstance(callback, dict) else ""
    target = resolved_name(model, facts, func, ref) if ref else ""
    if target not in model.functions:
        return False
    calls = [c for c in model.functions[target][1].calls if c.func]
    return bool(calls) and all(c.func[-1] in _TASK_ACCESSORS or c.func[-1] in LOG_METHODS for c in calls)


def _bookkeeping(site: CallSite) -> bool:
    """`task.add_done_callback(self._tasks.discard)`: the task leaves a set, nobody hears of its error."""
    callback = site.args[0] if site.args else None
    ref = callback.get("ref", "") if isinstance(callback, dict) else ""
    return ref.rsplit(".", 1)[-1] in _BOOKKEEPING and "." in ref
