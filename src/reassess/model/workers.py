"""Background work: tasks started with asyncio/anyio, threads, FastAPI BackgroundTasks and
job frameworks (Celery, arq, RQ, dramatiq, APScheduler, taskiq, repeat_every).

A started coroutine is a "worker" when it runs a loop (directly or in a method it awaits)
and a one-shot "task" otherwise. `details["at_startup"]` says whether it is started from
the lifespan/startup code (so every replica of the process runs it).
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Iterable

from .origins import Origins

if TYPE_CHECKING:
    from .app import EntryPoint
    from .project import Edge, ProjectModel

TASK_STARTERS = ("create_task", "ensure_future", "start_soon", "run_coroutine_threadsafe", "spawn")
BACKGROUND_ADDERS = ("fastapi.BackgroundTasks.add_task", "starlette.background.BackgroundTasks.add_task",
                     "fastapi.background.BackgroundTasks.add_task")
THREADS = ("threading.Thread", "multiprocessing.Process")
SLEEPS = ("asyncio.sleep", "time.sleep", "anyio.sleep", "trio.sleep")
SCHEDULER_ADD = ("add_job", "scheduled_job")


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


def forward_reach(model: "ProjectModel", roots: Iterable[str], limit: int = 20000) -> set[str]:
    """Project functions reachable from the roots through resolved calls."""
    seen = set(r for r in roots if r in model.functions)
    queue = deque(sorted(seen))
    while queue and len(seen) < limit:
        for edge in model.edges.get(queue.popleft(), ()):
            callee = model.callee_function(edge.target)
            if callee and callee not in seen:
                seen.add(callee)
                queue.append(callee)
    return seen


class WorkerFinder:
    def __init__(self, model: "ProjectModel", origins: Origins, startup: list[str]) -> None:
        self.model = model
        self.origins = origins
        self.startup = set(startup)
        self.at_startup = forward_reach(model, startup)
        self.unresolved: list[str] = []

    def find(self) -> list["EntryPoint"]:
        out: list["EntryPoint"] = []
        for scope, edges in _edges(self.model):
            for edge in edges:
                out += self._edge(scope, edge)
        out += self._decorated_jobs()
        out += self._arq_jobs()
        return _dedupe(out)

    # ----- starts ---------------------------------------------------------------------------
    def _edge(self, scope: str, edge: "Edge") -> list["EntryPoint"]:
        name, kind = edge.target.name, edge.target.kind
        last = edge.site.func[-1] if edge.site.func else ""
        if last in TASK_STARTERS and kind in ("external", "unresolved") and edge.site.args:
            if kind == "unresolved" and last not in ("create_task", "ensure_future"):
                return []
            return self._task(scope, edge, edge.site.args[0], f"{name or last}")
        if kind == "external" and name in BACKGROUND_ADDERS and edge.site.args:
            return self._task(scope, edge, edge.site.args[0], name, background=True)
        if kind == "external" and name in THREADS:
            target = edge.site.kwargs.get("target", edge.site.args[1] if len(edge.site.args) > 1 else None)
            return self._task(scope, edge, target, name, runs_in="thread" if "Thread" in name else "process")
        if kind == "external" and name.startswith("apscheduler.") and last in SCHEDULER_ADD and edge.site.args:
            return self._job(scope, edge, edge.site.args[0], "apscheduler")
        if kind == "external" and (name.startswith("rq.") and last in ("enqueue", "enqueue_in", "enqueue_at")):
            return self._job(scope, edge, edge.site.args[0] if edge.site.args else None, "rq")
        if kind == "external" and name.endswith("arq.cron") and edge.site.args:
            return self._job(scope, edge, edge.site.args[0], "arq")
        return []

    def _task(self, scope: str, edge: "Edge", value: Any, starter: str, background: bool = False,
              runs_in: str = "") -> list["EntryPoint"]:
        target = self._callable(scope, value)
        facts, _ = self.origins.scope_facts(scope)
        if not target:
            self.unresolved.append(f"{facts.path}:{edge.site.line}: {edge.site.name}() starts something "
                                   f"that could not be resolved")
            return []
        _, func = self.model.functions[target]
        loop = self.loop_of(target)
        kind = "task" if background or not loop else "worker"
        details = {
            "starter": starter, "started_in": scope, "at_startup": self._is_startup(scope, edge.site.line),
            "kept_reference": not getattr(edge.site, "discarded", False),
            "task_name": edge.site.kwargs.get("name") if isinstance(edge.site.kwargs.get("name"), str) else "",
            "loop": loop, "background_tasks": background,
        }
        if not runs_in:
            runs_in = "event-loop" if func.is_async else ("threadpool" if background else "event-loop")
        return [self._entry(kind, target, runs_in, (facts.path, edge.site.line), details)]

    def _job(self, scope: str, edge: "Edge", value: Any, framework: str) -> list["EntryPoint"]:
        target = self._callable(scope, value)
        facts, _ = self.origins.scope_facts(scope)
        if not target:
            return []
        details = {"framework": framework, "registered_at": f"{facts.path}:{edge.site.line}",
                   "trigger": edge.site.args[1] if len(edge.site.args) > 1 and isinstance(edge.site.args[1], str) else "",
                   "schedule": {k: v for k, v in edge.site.kwargs.items() if isinstance(v, (int, float, str))},
                   "loop": self.loop_of(target), "at_startup": self._is_startup(scope, edge.site.line)}
        return [self._entry("job", target, "worker-process" if framework in ("rq", "arq") else "event-loop",
                            (facts.path, edge.site.line), details)]

    def _decorated_jobs(self) -> list["EntryPoint"]:
        out = []
        for fq, facts, func in self.model.iter_functions():
            for deco in func.decorators:
                framework = self._job_framework(facts, deco.func)
                if framework:
                    details = {"framework": framework, "decorator": deco.func,
                               "schedule": {k: v for k, v in deco.kwargs.items() if isinstance(v, (int, float, str))},
                               "loop": self.loop_of(fq), "at_startup": False}
                    runs = "worker-process" if framework in ("celery", "dramatiq", "rq", "taskiq") else "event-loop"
                    out.append(self._entry("job", fq, runs, (facts.path, deco.line), details))
        return out

    def _job_framework(self, facts: Any, decorator: str) -> str:
        chain = tuple(decorator.split("."))
        found = self.model.resolver.type_of_chain(facts, None, chain) if chain else None
        if found is None or found[0] not in ("ext", "ext_instance", "ext_result"):
            return ""
        return job_framework(found[1])

    def _arq_jobs(self) -> list["EntryPoint"]:
        """`class WorkerSettings: functions = [f, g]; cron_jobs = [cron(h, ...)]` (arq)."""
        out = []
        for cls_fq, (facts, cls) in sorted(self.model.classes.items()):
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

    # ----- helpers --------------------------------------------------------------------------
    def _callable(self, scope: str, value: Any) -> str:
        """The project function a coroutine object or callable value runs."""
        if not isinstance(value, dict):
            return ""
        facts, func = self.origins.scope_facts(scope)
        if "call" in value:
            edge = self.origins.edge_at(scope, value.get("line", 0), value["call"])
            if edge is not None:
                callee = self.model.callee_function(edge.target)
                if callee:
                    return callee
            return ""
        if "ref" in value:
            local = func.local_types.get(value["ref"]) if func is not None else None
            if isinstance(local, dict) and "call" in local:
                return self._callable(scope, local)
            found = self.model.resolver.type_of_value(facts, func, value, 1)
            if found and found[0] == "function":
                return found[1]
        return ""

    def _is_startup(self, scope: str, line: int) -> bool:
        if scope not in self.at_startup:
            return False
        if scope in self.startup:
            _, func = self.model.functions[scope]
            yield_line = func.extra.get("yield_line", 0)
            return not yield_line or line < yield_line
        return True

    def loop_of(self, fq: str, depth: int = 0) -> dict[str, Any]:
        """The long-running loop of a function (or of a method it awaits): its line, whether
        it is `while True`, and the sleep inside it, or {} when there is none."""
        facts, func = self.model.functions[fq]
        for line, info in sorted(func.extra.get("loops", {}).items()):
            if info.get("kind") != "while":
                continue
            end = _block_end(func, line)
            sleeps = [s for s in func.calls if line <= s.line <= end and s.name.rsplit(".", 1)[-1] == "sleep"]
            return {"function": fq, "path": facts.path, "line": line, "forever": info.get("iter") is True,
                    "sleep": _sleep_text(sleeps[0]) if sleeps else "", "sleep_line": sleeps[0].line if sleeps else 0}
        for site in func.calls:
            if getattr(site, "used_as", "") == "async-for":
                return {"function": fq, "path": facts.path, "line": site.line, "forever": False,
                        "stream": site.name, "sleep": "", "sleep_line": 0}
        if depth < 2:
            for edge in self.model.edges.get(fq, ()):
                callee = edge.target.name if edge.target.kind == "function" else ""
                if callee and edge.site.awaited and callee != fq:
                    found = self.loop_of(callee, depth + 1)
                    if found:
                        return found
        return {}

    def _entry(self, kind: str, fq: str, runs_in: str, started: tuple[str, int],
               details: dict[str, Any]) -> "EntryPoint":
        from .app import EntryPoint

        facts, func = self.model.functions[fq]
        label = func.qualname.replace(".<locals>.", ".")
        return EntryPoint(kind, fq, facts.path, func.line, f"{kind} {label}", runs_in=runs_in,
                          started_at=started, details=details)


def _block_end(func: Any, line: int) -> int:
    for block in func.extra.get("blocks", ()):
        if block.get("kind") == "loop" and block.get("line") == line:
            return block.get("end", line)
    return func.end_line


def _sleep_text(site: Any) -> str:
    if not site.args:
        return ""
    arg = site.args[0]
    if isinstance(arg, dict):
        return arg.get("ref") or f"{arg.get('call', '?')}(...)"
    return repr(arg)


def _edges(model: "ProjectModel"):
    for module in sorted(model.module_edges):
        yield module, model.module_edges[module]
    for fq in sorted(model.edges):
        yield fq, model.edges[fq]


def _dedupe(entries: list["EntryPoint"]) -> list["EntryPoint"]:
    seen: set[tuple] = set()
    out = []
    for entry in entries:
        key = (entry.kind, entry.function, entry.started_at)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
