"""Jobs of job frameworks: functions a Celery, dramatiq, RQ, taskiq, APScheduler, `schedule` or
`repeat_every` decorator registers, arq's `WorkerSettings`, the functions a SAQ worker or
litestar-saq queue config lists, jobs handed to APScheduler, RQ or arq by a call, and Tornado's
`PeriodicCallback` callbacks.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..knowledge.jobqueues import CRON_FUNCTION, CRON_JOBS, JOB_LIST_FRAMEWORK, JOB_LISTS
from ..knowledge.webframes import TORNADO_PERIODIC
from .app import offline_modules, served_edges
from .passed import call_argument

if TYPE_CHECKING:
    from .app import EntryPoint
    from .origins import Origins
    from .project import Edge, ProjectModel


def job_framework(decorator: str) -> str:
    """The job framework a resolved decorator belongs to ("" when none)."""
    head, last = decorator.split(".", 1)[0], decorator.rsplit(".", 1)[-1]
    if head == "celery" and last in ("task", "shared_task"):
        return "celery"
    if decorator == "dramatiq.actor":
        return "dramatiq"
    if head == "rq" and last == "job":
        return "rq"
    if head == "taskiq" and last == "task":
        return "taskiq"
    if last in ("repeat_every", "repeat_at") and head in ("fastapi_utils", "fastapi_utilities"):
        return "repeat_every"
    if head == "apscheduler" and last == "scheduled_job":
        return "apscheduler"
    return ""


class JobFrameworks:
    """Part of `WorkerFinder`: the jobs job frameworks run."""

    model: ProjectModel
    origins: Origins
    _frameworks: dict[tuple[str, str], str]

    def _job(self, scope: str, edge: "Edge", value: Any, framework: str) -> list["EntryPoint"]:
        target = self._callable(scope, value)
        facts, _ = self.origins.scope_facts(scope)
        if not target:
            return []
        details = {"framework": framework, "registered_at": f"{facts.path}:{edge.site.line}",
                   "trigger": (edge.site.args[1] if len(edge.site.args) > 1 and isinstance(edge.site.args[1], str)
                               else ""),
                   "schedule": {k: v for k, v in edge.site.kwargs.items() if isinstance(v, (int, float, str))},
                   "loop": self.loop_of(target), "at_startup": self._is_startup(scope, edge.site.line)}
        return [self._entry("job", target, "worker-process" if framework in ("rq", "arq") else "event-loop",
                            (facts.path, edge.site.line), details)]

    def _decorated_jobs(self) -> list["EntryPoint"]:
        out = []
        for fq, facts, func in self.model.iter_functions():
            if facts.module in offline_modules(self.model):
                continue
            for deco in func.decorators:
                framework = self._job_framework(facts, deco.func) or self._schedule_job(fq, facts, deco)
                if framework:
                    details = {"framework": framework, "decorator": deco.func,
                               "schedule": {k: v for k, v in deco.kwargs.items() if isinstance(v, (int, float, str))},
                               "loop": self.loop_of(fq), "at_startup": False}
                    runs = "worker-process" if framework in ("celery", "dramatiq", "rq", "taskiq", "schedule") \
                        else "event-loop"
                    out.append(self._entry("job", fq, runs, (facts.path, deco.line), details))
        return out

    def _schedule_job(self, fq: str, facts: Any, deco: Any) -> str:
        """`@registry.add(every(1).hour)`: a decorator that registers the function with a
        `schedule.every(...)` job (the `schedule` library behind a project registry)."""
        if not deco.is_call:
            return ""
        enclosing = fq.rpartition(".<locals>.")[0] if ".<locals>." in fq else ""
        edges = self.model.edges.get(enclosing, ()) if enclosing else self.model.module_edges.get(facts.module, ())
        return "schedule" if any(e.site.line == deco.line and e.target.name == "schedule.every" for e in edges) else ""

    def _job_framework(self, facts: Any, decorator: str) -> str:
        """The job framework a decorator registers with; kept per (module, decorator), as route
        decorators repeat on every handler of a module."""
        key = (facts.module, decorator)
        if key not in self._frameworks:
            self._frameworks[key] = self._decorator_framework(facts, decorator)
        return self._frameworks[key]

    def _decorator_framework(self, facts: Any, decorator: str) -> str:
        chain = tuple(decorator.split("."))
        found = self.model.resolver.type_of_chain(facts, None, chain) if chain else None
        if found is None or found[0] not in ("ext", "ext_instance", "ext_result"):
            return ""
        return job_framework(found[1])

    def _arq_jobs(self) -> list["EntryPoint"]:
        """`class WorkerSettings: functions = [f, g]; cron_jobs = [cron(h, ...)]` (arq)."""
        out = []
        for cls_fq, (facts, cls) in sorted(self.model.classes.items()):
            if facts.module in offline_modules(self.model):
                continue
            if "functions" not in cls.class_attrs or "redis_settings" not in cls.class_attrs and \
                    cls.name != "WorkerSettings":
                continue
            value = cls.class_attrs["functions"]
            for item in value.get("items", []) if isinstance(value, dict) else []:
                target = self._callable(facts.module, item)
                if target:
                    out.append(self._entry("job", target, "worker-process", (facts.path, cls.line),
                                           {"framework": "arq", "registered_at": f"{facts.path}:{cls.line}",
                                            "loop": self.loop_of(target), "at_startup": False}))
        return out

    def _periodic_callbacks(self) -> list["EntryPoint"]:
        """`PeriodicCallback(callback, ms)`: the callback runs on the IOLoop every period, as a
        scheduler's job does (a coroutine is scheduled as a task each time); one job per callback."""
        out: list["EntryPoint"] = []
        seen: set[str] = set()
        for scope, edges in served_edges(self.model):
            for edge in edges:
                if edge.target.kind != "external" or edge.target.name not in TORNADO_PERIODIC or not edge.site.args:
                    continue
                facts, func = self.origins.scope_facts(scope)
                found = self.model.resolver.type_of_value(facts, func, edge.site.args[0], 1)
                if not found or found[0] != "function" or found[1] not in self.model.functions or found[1] in seen:
                    continue
                seen.add(found[1])
                details = {"framework": "tornado", "registered_at": f"{facts.path}:{edge.site.line}",
                           "trigger": "interval", "schedule": {}, "loop": {}, "at_startup": False, "started_in": scope}
                out.append(self._entry("job", found[1], "event-loop", (facts.path, edge.site.line), details))
        return out

    def _listed_jobs(self) -> list["EntryPoint"]:
        """The functions a job-queue constructor lists (knowledge/jobqueues.py): `saq.Worker(queue,
        functions=[f], cron_jobs=[CronJob(g, cron=...)])`, litestar-saq's `QueueConfig(tasks=[...],
        scheduled_tasks=[...])`. A cron job's function is read from its `CronJob(...)` call; a function
        both listed and scheduled is one job, with its schedule."""
        out: dict[str, "EntryPoint"] = {}
        for scope, edges in served_edges(self.model):
            for edge in edges:
                lists = JOB_LISTS.get(edge.target.name) if edge.target.kind == "external" else None
                for keyword, position in lists or ():
                    value = call_argument(edge.site, position, keyword)
                    for item in value.get("items", []) if isinstance(value, dict) else []:
                        self._add_listed(out, scope, edge, keyword, item)
        return list(out.values())

    def _add_listed(self, out: dict[str, "EntryPoint"], scope: str, edge: Any, keyword: str, item: Any) -> None:
        """One job for the function `item` names, kept in `out` by function: listed again (a plain list
        and a cron list both naming it), its schedule joins the first entry's instead of a second job."""
        target, schedule = self._listed_job(scope, item)
        if target in out:
            out[target].details["schedule"].update(schedule)
        elif target:
            facts, _ = self.origins.scope_facts(scope)
            framework = JOB_LIST_FRAMEWORK.get(edge.target.name.split(".", 1)[0], "")
            out[target] = self._entry("job", target, "worker-process", (facts.path, edge.site.line),
                                      {"framework": framework, "listed_in": keyword,
                                       "registered_at": f"{facts.path}:{edge.site.line}",
                                       "schedule": schedule, "loop": self.loop_of(target),
                                       "at_startup": False})

    def _listed_job(self, scope: str, item: Any) -> tuple[str, dict[str, Any]]:
        """(function, schedule) of a listed item: a function reference, or a cron job's function."""
        if isinstance(item, dict) and item.get("call"):
            inner = self.origins.edge_at(scope, item.get("line", 0), item["call"])
            if inner is None or inner.target.kind != "external" or inner.target.name not in CRON_JOBS:
                return "", {}
            schedule = {k: v for k, v in inner.site.kwargs.items() if isinstance(v, (int, float, str))}
            return self._callable(scope, call_argument(inner.site, CRON_FUNCTION[1], CRON_FUNCTION[0])), schedule
        return self._callable(scope, item), {}
