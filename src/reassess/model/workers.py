"""Background work: tasks started with asyncio/anyio, threads, FastAPI BackgroundTasks and
job frameworks (Celery, arq, RQ, dramatiq, APScheduler, taskiq, repeat_every).

A started coroutine is a "worker" when it runs a loop (directly or in a method it awaits)
and a one-shot "task" otherwise. `details["at_startup"]` says whether it is started from
the lifespan/startup code (so every replica of the process runs it).

`WorkerFinder` is put together from one part per concern: `task_starts` (tasks, threads,
BackgroundTasks), `task_wrappers` (project functions that start tasks), `supervision` (restarting
wrappers, job objects), `loop_items` and `started_callables` (what a start hands over),
`job_frameworks`, `schedulers` (hand-written in-process ones), `script_mains` (worker programs)
and `worker_loops` (a worker's loop and its pause).
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .app import served_edges
from .constants import Constants
from .job_frameworks import JobFrameworks
from .loop_items import LoopItems
from .origins import Origins
from .schedulers import InProcessSchedulers
from .script_mains import ScriptMains
from .started_callables import StartedCallables
from .supervision import Supervision
from .task_starts import TaskStarts, may_start
from .task_wrappers import TaskWrappers
from .worker_loops import WorkerLoops

if TYPE_CHECKING:
    from .app import EntryPoint
    from .project import ProjectModel


def forward_reach(model: "ProjectModel", roots: Iterable[str], limit: int = 20000,
                  skip: Callable[[Any], bool] | None = None) -> set[str]:
    """Project functions reachable from the roots through resolved calls (but not through the
    edges `skip` refuses)."""
    seen = set(r for r in roots if r in model.functions)
    queue = deque(sorted(seen))
    while queue and len(seen) < limit:
        for edge in model.edges.get(queue.popleft(), ()):
            if skip is not None and skip(edge):
                continue
            callee = model.callee_function(edge.target)
            if callee and callee not in seen:
                seen.add(callee)
                queue.append(callee)
    return seen


class WorkerFinder(ScriptMains, TaskStarts, TaskWrappers, Supervision, LoopItems, StartedCallables,
                   JobFrameworks, InProcessSchedulers, WorkerLoops):
    """Finds the background work of the project in one pass over the served call sites, then the
    decorated and arq jobs and the script mains; the parts it is built from hold each concern."""

    def __init__(self, model: "ProjectModel", origins: Origins, startup: list[str]) -> None:
        self.model = model
        self.origins = origins
        self.startup = set(startup)
        starts: dict[str, list[tuple[int, int, int]]] = {}  # per_item_start's memo
        self.at_startup = forward_reach(model, startup,
                                        skip=lambda edge: per_item_start(model, edge, self.startup, starts))
        self.constants = Constants(model, origins)
        self.unresolved: list[str] = []
        self._frameworks: dict[tuple[str, str], str] = {}
        self._methods_by_name: dict[str, list[str]] | None = None
        self.conditional_starters: set[str] = set()  # starters that build the coroutine conditionally
        self._restarting: dict[str, bool] = {}
        self.picked_jobs: set[tuple[str, int, str]] = set()

    def find(self) -> list["EntryPoint"]:
        """The starts seen on served call sites, then the framework jobs, then the workers of
        script processes whose function nothing else starts; one entry per (kind, function,
        start)."""
        out: list["EntryPoint"] = []
        supervised: list["EntryPoint"] = []
        self.starters = self._starters()
        self.registrars = self._registrars()
        for scope, edges in served_edges(self.model):
            for edge in edges:
                kind = edge.target.kind
                callee = self.model.callee_function(edge.target) if kind in ("function", "class") else ""
                if callee in self.starters:
                    if not self._passes_own_param(scope, edge, callee):
                        out += self._wrapped(scope, edge, callee)
                elif callee in self.registrars:
                    out += self._registered(scope, edge, callee)
                elif may_start(edge) and not self._inside_starter(scope, edge):
                    out += self._edge(scope, edge)
                elif kind == "function" and callee:
                    supervised += self._supervisor_call(scope, edge, callee)
        started = {(e.function, e.details.get("started_in")) for e in out}  # `create_task(supervise(...))` came first
        out += [e for e in supervised if (e.function, e.details.get("started_in")) not in started]
        out += self._decorated_jobs()
        out += self._arq_jobs()
        out += self._listed_jobs()
        known = {e.function for e in out} | {e.details.get("supervised_by") for e in out}  # a supervisor's jobs are its entries
        mains = self._script_mains()
        self._mark_program_jobs(out, mains)
        out += [e for e in mains if e.function not in known]
        out += self._periodic_callbacks()  # after the program marks: Tornado's jobs are never a picked registry's
        return _dedupe(out)

    def _is_startup(self, scope: str, line: int, loop_line: int = 0) -> bool:
        """The start runs at startup: in code the lifespan reaches, before its `yield` when in the
        lifespan itself; not once per item of a worker's round (`per_round_item`)."""
        if scope not in self.at_startup:
            return False
        if loop_line and scope not in self.startup and per_round_item(self.model, scope, loop_line):
            return False
        if scope in self.startup:
            _, func = self.model.functions[scope]
            yield_line = func.extra.get("yield_line", 0)
            return not yield_line or line < yield_line
        return True

    def _entry(self, kind: str, fq: str, runs_in: str, started: tuple[str, int],
               details: dict[str, Any]) -> "EntryPoint":
        from .app import EntryPoint

        facts, func = self.model.functions[fq]
        label = func.qualname.replace(".<locals>.", ".")
        return EntryPoint(kind, fq, facts.path, func.line, f"{kind} {label}", runs_in=runs_in,
                          started_at=started, details=details)


def per_round_item(model: "ProjectModel", fq: str, loop_line: int) -> bool:
    """The `for` loop at `loop_line` runs inside a `while` loop of the same function: a worker's
    round going over what it picked (`while True: for firing in claimed: create_task(fire(firing))`),
    so what it starts there is one task per item, not one every process starts."""
    loops = model.functions[fq][1].extra.get("loops", {})
    if loops.get(loop_line, {}).get("kind") not in ("for", "comp"):
        return False
    return any(info.get("kind") == "while" and start < loop_line <= info.get("end", start)
               for start, info in loops.items())


def per_item_start(model: "ProjectModel", edge: Any, roots: set[str],
                   starts: dict[str, list[tuple[int, int, int]]]) -> bool:
    """`edge` calls the coroutine a task start hands over, inside a `for` loop of code that is not
    the startup code itself (`for schedule in due: create_task(self._run(schedule))`): one task per
    item, so what it runs (and any task it starts in turn) is per-item work, not started at startup."""
    site = edge.site
    if not site.loop_line or edge.caller in roots or edge.caller not in model.functions:
        return False
    loop = model.functions[edge.caller][1].extra.get("loops", {}).get(site.loop_line, {})
    if loop.get("kind") not in ("for", "comp"):
        return False
    if edge.caller not in starts:  # (line, col, end_line) of the caller's task starts, read once
        starts[edge.caller] = [(e.site.line, e.site.col, e.site.end_line)
                               for e in model.edges.get(edge.caller, ()) if may_start(e)]
    return any((line, col) < (site.line, site.col) and site.line <= end for line, col, end in starts[edge.caller])


def _dedupe(entries: list["EntryPoint"]) -> list["EntryPoint"]:
    seen: set[tuple] = set()
    out = []
    for entry in entries:
        key = (entry.kind, entry.function, entry.started_at)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
