"""RA311 backpressure: a task created and dropped (no reference kept, exceptions lost)."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...knowledge.exceptions import is_broad
from ...knowledge.taskgroups import GROUP_STARTS
from ...model.resilience.blocks import handler_logs
from ...model.resilience.guards import resolved_name
from ...model.passed import function_ref
from ...model.task_groups import group_chain
from ...model.project import Edge, ProjectModel
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._text import call_source

# handing a coroutine to a loop from another thread: the returned concurrent future is the only way
# its outcome comes back, so dropping it loses the coroutine's exception just as a dropped task does
THREADSAFE = frozenset({"asyncio.run_coroutine_threadsafe", "asyncio.tasks.run_coroutine_threadsafe"})
# a function handed to a thread pool: the asyncio future `run_in_executor` returns carries its exception
EXECUTOR = frozenset({"asyncio.AbstractEventLoop.run_in_executor", "asyncio.BaseEventLoop.run_in_executor",
                      "asyncio.events.AbstractEventLoop.run_in_executor"})
SPAWN = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.AbstractEventLoop.create_task",
                   "asyncio.tasks.create_task", "asyncio.tasks.ensure_future", "asyncio.BaseEventLoop.create_task"}) \
    | THREADSAFE | EXECUTOR
_OPENING_LINES = 3  # `session = SessionLocal()` and a blank line may come before the guarding `try`


def _spawns(model: ProjectModel, fq: str, edge: Edge) -> bool:
    site = edge.site
    if edge.target.kind == "external":
        if edge.target.name in EXECUTOR:
            return not _guards_itself(model, fq, site.args[1] if len(site.args) > 1 else None)
        return edge.target.name in SPAWN
    return site.func == ("()", "create_task") and site.callee_is_call in (
        "asyncio.get_event_loop", "asyncio.get_running_loop")


def _call_chain(value: object) -> tuple[str, ...]:
    """The written name chain of a call value (`{"call": "self.group.spawn"}`), () for anything else."""
    return tuple(value["call"].split(".")) if isinstance(value, dict) and value.get("call") else ()


def _into_group(model: ProjectModel, caller: str, value: object) -> bool:
    """`run_coroutine_threadsafe(self.group.spawn(job()), loop)`: the coroutine handed over only
    registers `job()` with a task group (a project subclass of one counts), which keeps that task
    and surfaces its failure; the dropped future covers the registration alone."""
    chain = _call_chain(value)
    return len(chain) >= 2 and chain[-1] in GROUP_STARTS and group_chain(model, caller, chain[:-1])


def _logging_decorator(model: ProjectModel, caller: str, value: object) -> str:
    """The decorator (as written) of the started project coroutine whose wrapper catches what
    escapes it broadly and logs it (`@log_exceptions`: `except BaseException: logger.exception(...);
    raise`), "" for none: the task's failure reaches the log even though nobody reads the task."""
    chain = _call_chain(value)
    if not chain:
        return ""
    facts, func = model.functions[caller]
    found = model.resolver.type_of_chain(facts, func, chain)
    target = model.functions.get(found[1]) if found and found[0] == "function" else None
    if target is None:
        return ""
    for deco in target[1].decorators:
        name = resolved_name(model, target[0], None, deco.func) if not deco.is_call else ""
        _, wrapper = model.decorator_wrapper(name) or ("", None)
        if wrapper is not None and any(b.get("kind") == "except" and is_broad(b.get("types", ()))
                                       and handler_logs(wrapper, b) for b in wrapper.extra.get("blocks", ())):
            return deco.func
    return ""


def _guards_itself(model: ProjectModel, caller: str, value: object) -> bool:
    """The project function handed to the executor opens with a `try` whose broad handler does not
    re-raise (`try: ... except Exception: logging.exception(...)`): it reports its own failures,
    so the dropped future has nothing left to lose."""
    fq = function_ref(model, caller, value)
    if not fq:
        return False
    func = model.functions[fq][1]
    tries = {b["line"]: b for b in func.extra.get("blocks", ()) if b.get("kind") == "try"}
    return any(b.get("kind") == "except" and is_broad(b.get("types", ())) and not b.get("raises")
               and b.get("try_line") in tries and b["try_line"] <= func.body_line + _OPENING_LINES
               for b in func.extra.get("blocks", ()))


@register
class FireAndForgetTask(Rule):
    """`asyncio.create_task(...)` / `ensure_future(...)` / `loop.create_task(...)` whose result
    is thrown away.

    What it finds:
        Task-creating calls that are whole expression statements: nothing keeps the task, so
        nothing awaits, cancels or inspects it. `asyncio.run_coroutine_threadsafe(coro, loop)`
        whose returned future is dropped (never stored, never `.result()`-ed) is the same from
        another thread, and so is `loop.run_in_executor(None, fn, ...)` as a bare statement
        (unless `fn` is a project function that catches and reports its own failures). Tasks
        stored in a variable, attribute, set or list, and tasks created through a `TaskGroup`
        (which keeps them), are not reported, nor is a coroutine handed to another thread's loop
        that only registers the work with a task group (`run_coroutine_threadsafe(group.spawn(job()),
        loop)`). When the started coroutine's decorator logs whatever escapes it
        (`@log_exceptions`), the finding is LOW: nothing is lost silently, only the ownership of
        the task is. Several such calls in one function are one finding.

    Why it matters:
        The event loop keeps only a weak reference to tasks: an unreferenced task can be
        garbage-collected mid-flight and silently stop. Its exception is never retrieved
        (only "Task exception was never retrieved" at collection time), shutdown cannot cancel
        or wait for it, and nothing limits how many of them pile up under load.

    Example:
        asyncio.create_task(alert_worker.run())

    Instead:
        Keep a reference and observe the outcome:

            task = asyncio.create_task(alert_worker.run(), name="alert-worker")
            background.add(task)
            task.add_done_callback(background.discard)
    """

    id = "RA311"
    name = "fire-and-forget-task"
    category = "backpressure"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        created = 0
        for fq, facts, func in model.iter_functions(within=model.functions_calling(named=("create_task",), to=SPAWN)):
            dropped: list[Edge] = []
            for edge in model.edges.get(fq, ()):
                if _spawns(model, fq, edge):
                    created += edge.target.name not in EXECUTOR  # executor futures are not tasks
                    if edge.site.discarded and not _into_group(model, fq, edge.site.args[0] if edge.site.args else None):
                        dropped.append(edge)
            if dropped and not is_test_path(facts.path):
                yield self._finding(ctx, fq, facts.path, dropped)
        ctx.examine("tasks created", created)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, dropped: list[Edge]) -> Finding:
        first = dropped[0]
        source = call_source(ctx.model, first)
        count = f"{len(dropped)} tasks" if len(dropped) > 1 else "a task"
        logged = [_logging_decorator(ctx.model, fq, e.site.args[0] if e.site.args else None) for e in dropped]
        description = (f"`{short(fq)}` starts {count} with `{source}` and keeps no reference. The loop holds "
                       f"tasks only weakly: the task can be garbage-collected before it finishes, its exception "
                       f"is never retrieved, and shutdown can neither cancel nor await it.")
        severity = None
        if all(logged) and first.target.name not in EXECUTOR:
            # the coroutine logs its own failures: nothing is silent, what is left is a task nobody owns
            description = (f"`{short(fq)}` starts {count} with `{source}` and keeps no reference. The started "
                           f"coroutine logs what escapes it (`@{logged[0]}`), so a failure is not lost, but the "
                           "loop holds tasks only weakly (the task can be garbage-collected while it waits) and "
                           "shutdown can neither cancel nor await it.")
            severity = "LOW"
        elif first.target.name in THREADSAFE:
            description += (" The future `run_coroutine_threadsafe` returns is the calling thread's only view of "
                            "the coroutine: dropped, a failure there is silent.")
        related = [Location(path, e.site.line, e.site.end_line, "another task dropped") for e in dropped[1:]]
        recommendation = ("Keep the task (a set that drops finished tasks), and cancel/await it at shutdown:\n\n"
                          f"    task = {source}\n"
                          "    background_tasks.add(task)\n"
                          "    task.add_done_callback(background_tasks.discard)")
        if first.target.name in EXECUTOR:
            description = (f"`{short(fq)}` hands a function to a thread pool with `{source}` and drops the future "
                           "it returns: an exception the function raises is stored on that future and never "
                           "retrieved, so the failure is silent, and nothing waits for the work at shutdown.")
            recommendation = ("Keep the future and observe it (await it, or log its exception from a done "
                              "callback):\n\n"
                              f"    future = {source}\n"
                              "    future.add_done_callback(log_failure)")
        if first.target.name in THREADSAFE:
            recommendation = ("Keep the future and read its outcome (or log it from a done callback):\n\n"
                              f"    future = {source}\n"
                              "    future.result(timeout=30)")
        return self.finding(Location(path, first.site.line, first.site.end_line),
                            f"{'Executor future' if first.target.name in EXECUTOR else 'Task created and'} dropped in "
                            f"`{short(fq)}`", description, related=related,
                            recommendation=recommendation, severity=severity)
