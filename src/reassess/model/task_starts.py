"""Where background work starts: a task (`create_task`, `ensure_future`, `start_soon`...), a
thread or process, a FastAPI `BackgroundTasks.add_task`, and the entry each start makes: a
worker when a loop keeps the started function going, a one-shot task otherwise.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import EntryPoint
    from .origins import Origins
    from .project import Edge, ProjectModel

TASK_STARTERS = ("create_task", "ensure_future", "start_soon", "run_coroutine_threadsafe", "spawn")
BACKGROUND_ADDERS = ("fastapi.BackgroundTasks.add_task", "starlette.background.BackgroundTasks.add_task",
                     "fastapi.background.BackgroundTasks.add_task")
THREADS = ("threading.Thread", "multiprocessing.Process")
SCHEDULER_ADD = ("add_job", "scheduled_job")


class TaskStarts:
    """Part of `WorkerFinder`: the entries that task, thread and background-task starts make."""

    model: ProjectModel
    origins: Origins
    unresolved: list[str]

    def _edge(self, scope: str, edge: "Edge") -> list["EntryPoint"]:
        name, kind = edge.target.name, edge.target.kind
        last = edge.site.func[-1] if edge.site.func else ""
        if last in TASK_STARTERS and kind in ("external", "unresolved") and edge.site.args:
            if kind == "unresolved" and last not in ("create_task", "ensure_future"):
                return []
            return [entry for value in self._elements(scope, edge.site, edge.site.args[0])
                    for entry in self._task(scope, edge, value, f"{name or last}")]
        return self._library_start(scope, edge, name, last) if kind == "external" else []

    def _library_start(self, scope: str, edge: "Edge", name: str, last: str) -> list["EntryPoint"]:
        """A start through a library call other than a task starter: a background task, a thread
        or process, or a job handed to APScheduler, RQ or arq."""
        args = edge.site.args
        if name in BACKGROUND_ADDERS and args:
            return self._task(scope, edge, args[0], name, background=True)
        if name in THREADS:
            target = edge.site.kwargs.get("target", args[1] if len(args) > 1 else None)
            return self._task(scope, edge, target, name, runs_in="thread" if "Thread" in name else "process")
        if name.startswith("apscheduler.") and last in SCHEDULER_ADD and args:
            return self._job(scope, edge, args[0], "apscheduler")
        if name.startswith("rq.") and last in ("enqueue", "enqueue_in", "enqueue_at"):
            return self._job(scope, edge, args[0] if args else None, "rq")
        if name.endswith("arq.cron") and args:
            return self._job(scope, edge, args[0], "arq")
        return []

    def _task(self, scope: str, edge: "Edge", value: Any, starter: str, background: bool = False,
              runs_in: str = "") -> list["EntryPoint"]:
        target = self._callable(scope, value)
        facts, _ = self.origins.scope_facts(scope)
        if not target:
            self._note_unresolved(facts.path, edge)
            return []
        supervised = self._supervised(scope, value, target)
        if supervised:  # one entry per job a loop over a collection hands to the restarter
            return [self._started(scope, edge, job, target, starter, background, runs_in) for job in supervised]
        for job in self._stored_jobs(scope, value, target):  # `PeriodicJob("margin", 300, run_margin)`
            entry = self._started(scope, edge, job, target, starter, background, runs_in)
            entry.details["built_at"] = (facts.path, value["_made"].get("line", 0))
            return [entry]
        return [self._started(scope, edge, target, "", starter, background, runs_in)]

    def _note_unresolved(self, path: str, edge: Edge) -> None:
        """Keeps a start whose work could not be resolved, for the list of what was not followed."""
        self.unresolved.append(f"{path}:{edge.site.line}: {edge.site.name}() starts something "
                               f"that could not be resolved")

    def _started(self, scope: str, edge: "Edge", target: str, restarter: str, starter: str, background: bool,
                 runs_in: str) -> "EntryPoint":
        facts, _ = self.origins.scope_facts(scope)
        _, func = self.model.functions[target]
        # a job with no endless loop of its own runs in the restarter's (`every(name, 3600, digest.run_once)`):
        # a `for` over its batch, or a lock's retry loop in a callee, is not its cadence
        own = self.loop_of(target)
        endless = own.get("function") == target and (own.get("forever") or own.get("sleep"))
        loop = (self.loop_of(restarter) if restarter and not endless else {}) or own
        kind = "task" if background or not loop else "worker"
        details = {
            "starter": starter, "started_in": scope,
            "at_startup": self._is_startup(scope, edge.site.line, edge.site.loop_line),
            "kept_reference": not getattr(edge.site, "discarded", False),
            "task_name": edge.site.kwargs.get("name") if isinstance(edge.site.kwargs.get("name"), str) else "",
            "loop": loop, "background_tasks": background,
        }
        if restarter:
            details["supervised_by"] = restarter
        if not runs_in:
            runs_in = "event-loop" if func.is_async else ("threadpool" if background else "event-loop")
        return self._entry(kind, target, runs_in, (facts.path, edge.site.line), details)

    @staticmethod
    def _as_worker(entry: "EntryPoint", loop: dict) -> None:
        """A one-shot task run by a loop of its starter (a wrapper, a helper's closure) is a worker."""
        if loop and entry.kind == "task" and not entry.details.get("background_tasks"):
            entry.details["loop"] = loop
            entry.kind = "worker"
            entry.name = "worker" + entry.name[len("task"):]


def may_start(edge: "Edge") -> bool:
    """The calls `WorkerFinder._edge` can take for a task, thread or job start (a cheap
    superset of its tests, so that the other hundred thousand calls cost one lookup)."""
    kind = edge.target.kind
    if kind == "unresolved":
        return bool(edge.site.func) and edge.site.func[-1] in TASK_STARTERS
    return kind == "external" and (bool(edge.site.func) and edge.site.func[-1] in TASK_STARTERS
                                   or _external_starter(edge.target.name))


@lru_cache(maxsize=65536)
def _external_starter(name: str) -> bool:
    return name in BACKGROUND_ADDERS or name in THREADS or name.startswith(("apscheduler.", "rq.")) \
        or name.endswith("arq.cron")
