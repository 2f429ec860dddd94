"""Background work: tasks started with asyncio/anyio, threads, FastAPI BackgroundTasks and
job frameworks (Celery, arq, RQ, dramatiq, APScheduler, taskiq, repeat_every).

A started coroutine is a "worker" when it runs a loop (directly or in a method it awaits)
and a one-shot "task" otherwise. `details["at_startup"]` says whether it is started from
the lifespan/startup code (so every replica of the process runs it).
"""
from __future__ import annotations

import re
from collections import deque
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from ..facts.values import value_refs
from ..knowledge.retry import is_timeout_wrapper
from .app import offline_modules, served_edges
from .constants import Constants
from .origins import Origins, passed_argument, positional_params

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
        self.constants = Constants(model, origins)
        self.unresolved: list[str] = []
        self._frameworks: dict[tuple[str, str], str] = {}
        self._methods_by_name: dict[str, list[str]] | None = None
        self.conditional_starters: set[str] = set()  # starters that build the coroutine conditionally

    def find(self) -> list["EntryPoint"]:
        out: list["EntryPoint"] = []
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
                elif _may_start(edge) and not self._inside_starter(scope, edge):
                    out += self._edge(scope, edge)
        out += self._decorated_jobs()
        out += self._arq_jobs()
        known = {e.function for e in out}
        out += [e for e in self._script_mains() if e.function not in known]
        return _dedupe(out)

    # ----- script processes -----------------------------------------------------------------
    def _script_mains(self) -> list["EntryPoint"]:
        """`asyncio.run(main())` (`uvloop.run`, `anyio.run(main)`, `loop.run_until_complete(main())`)
        at module level, or in a sync function that module-level code or nobody in the project calls
        (`def cli(): asyncio.run(main())`, a console script): the coroutine is the body of a process
        of its own (`python -m app.workers.sync`). It is a worker when its code keeps it running
        (`_serves`): a one-shot command (a migration, a seed or export script) runs once and exits
        and is no entry point of the running system. The entry is the coroutine holding the serving
        loop (`main` itself, or the `Syncer.run` it awaits): what `main` does before it reaches that
        loop (a database check, building clients) runs once per process, not once per turn. A main
        that only starts tasks and waits for a stop signal adds nothing: its tasks are entries."""
        model = self.model
        out: list["EntryPoint"] = []
        imported = model.called_at_import()
        for scope, edges in served_edges(model):
            function = model.functions.get(scope)
            if function is not None and (function[1].is_async or scope not in imported and model.callers.get(scope)):
                continue
            for edge in edges:
                if not _runs_loop(edge) or not edge.site.args:
                    continue
                target = self._callable(scope, edge.site.args[0])
                found = model.functions.get(target)
                if found is None or not found[1].is_async or target in self.startup:
                    continue
                loop = self._serves(target)
                facts, _ = self.origins.scope_facts(scope)
                details = {"starter": edge.site.name, "started_in": scope, "at_startup": False,
                           "kept_reference": True, "task_name": "", "background_tasks": False,
                           "loop": loop, "script": True, "main": target}
                out += self._program_jobs(target, details, (facts.path, edge.site.line))  # first: kept by dedupe
                if loop is not None:
                    out.append(self._entry("worker", loop["function"], "event-loop", (facts.path, edge.site.line),
                                           details))
        return out

    def _program_jobs(self, main: str, details: dict[str, Any], started: tuple[str, int]) -> list["EntryPoint"]:
        """The jobs a worker program picks from a registry by name (`WORKERS[args.job](ctx)`): each is
        a worker of the program, entered at what it runs (the function, or the method the program
        calls on the object) when that keeps serving; a job that runs once and returns is no worker."""
        from .programs import called_methods, program_functions, registry_jobs, run_method

        jobs = registry_jobs(self.model, main)
        names = called_methods(self.model, program_functions(self.model, main)) if jobs else []
        out: list["EntryPoint"] = []
        for kind, job, scope, site in jobs:
            runs = run_method(self.model, job, names) if kind == "class" else \
                [job] if self.model.functions[job][1].is_async else []
            for fq in runs:
                loop = self._awaited_loop(fq) or self._serves(fq)
                if loop is None:
                    continue
                paced = self.loop_of(loop["function"])  # the same loop with its pause, for rules asking about cadence
                more = {"loop": paced if paced.get("line") == loop["line"] else loop, "program": main,
                        "registry": f"{site.name} in {scope}", "job": job, "lookup": (scope, site.line)}
                # a job function's own setup (`ctx = await build_context()`) runs once: enter at its loop
                entry = loop["function"] if kind == "function" else fq
                out.append(self._entry("worker", entry, "event-loop", started, {**details, **more}))
                break
        return out

    def _awaited_loop(self, fq: str, depth: int = 0) -> dict[str, Any] | None:
        """The serving loop `fq` runs itself or awaits (two calls down), not one of a task it starts
        beside it (`create_task(self._consume_alerts())` then `await self._consume_readings()`): that
        task is an entry of its own."""
        found = _serving_loop(fq, *self.model.functions[fq])
        if found is not None or depth >= 2:
            return found
        for edge in self.model.edges.get(fq, ()):
            callee = self.model.callee_function(edge.target) if edge.site.used_as == "await" else ""
            if callee and callee != fq and edge.target.kind == "function" and self.model.functions[callee][1].is_async:
                found = self._awaited_loop(callee, depth + 1)
                if found is not None:
                    return found
        return None

    def _serves(self, fq: str, depth: int = 0, seen: "set[str] | None" = None) -> dict[str, Any] | None:
        """The loop that keeps a script's main serving (the `loop_of` shape), or None when it runs
        once: a loop only a stop ends (`while True`, `while not stop.is_set()`, `for _ in
        itertools.count()`) or an `async for` over a consumer or subscription, in the main or in a
        coroutine it runs (awaits or gathers) up to two calls down. A `while` loop its own
        `break`/`return` or a counter ends (pagination, retries) does not count."""
        seen = seen if seen is not None else set()
        if fq in seen or fq not in self.model.functions:
            return None
        seen.add(fq)
        found = _serving_loop(fq, *self.model.functions[fq])
        if found is not None or depth >= 2:
            return found
        for edge in self.model.edges.get(fq, ()):
            callee = self.model.callee_function(edge.target)
            if callee and callee != fq and self.model.functions[callee][1].is_async and edge.target.kind == "function":
                found = self._serves(callee, depth + 1, seen)
                if found is not None:
                    return found
        return None

    # ----- starts ---------------------------------------------------------------------------
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
            self.unresolved.append(f"{facts.path}:{edge.site.line}: {edge.site.name}() starts something "
                                   f"that could not be resolved")
            return []
        supervised = self._supervised(scope, value, target)
        if supervised:  # one entry per job a loop over a collection hands to the restarter
            return [self._started(scope, edge, job, target, starter, background, runs_in) for job in supervised]
        for job in self._stored_jobs(scope, value, target):  # `PeriodicJob("margin", 300, run_margin)`
            entry = self._started(scope, edge, job, target, starter, background, runs_in)
            entry.details["built_at"] = (facts.path, value["_made"].get("line", 0))
            return [entry]
        return [self._started(scope, edge, target, "", starter, background, runs_in)]

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
            "starter": starter, "started_in": scope, "at_startup": self._is_startup(scope, edge.site.line),
            "kept_reference": not getattr(edge.site, "discarded", False),
            "task_name": edge.site.kwargs.get("name") if isinstance(edge.site.kwargs.get("name"), str) else "",
            "loop": loop, "background_tasks": background,
        }
        if restarter:
            details["supervised_by"] = restarter
        if not runs_in:
            runs_in = "event-loop" if func.is_async else ("threadpool" if background else "event-loop")
        return self._entry(kind, target, runs_in, (facts.path, edge.site.line), details)

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

    # ----- in-process schedulers of the project ----------------------------------------------
    def _registrars(self) -> dict[str, str]:
        """{method: its class} of the methods that keep a job in a collection of their object
        (`self._jobs.append(PeriodicJob(...))`) when the class also runs a loop that pauses between
        rounds: a hand-written scheduler's `every()` / `daily_at()` / `add_job()`."""
        out: dict[str, str] = {}
        for cls_fq, (facts, cls) in sorted(self.model.classes.items()):
            methods = [f"{cls_fq}.{m}" for m in cls.methods if f"{cls_fq}.{m}" in self.model.functions]
            keeping = {fq for fq in methods if _keeps_item(self.model.functions[fq][1])}
            if keeping and facts.module not in offline_modules(self.model) and \
                    any(self.loop_of(fq).get("sleep") for fq in methods if fq not in keeping):
                out.update(dict.fromkeys(sorted(keeping), cls_fq))
        return out

    def _registered(self, scope: str, edge: "Edge", registrar: str) -> list["EntryPoint"]:
        """The job a registration call hands to the scheduler from outside it: its first argument that
        is a project function; the flags the call turns on (`exclusive=True`) are kept for the rules."""
        if scope.startswith(self.registrars[registrar] + "."):
            return []
        target, record_flags = self._job_target(scope, edge)
        if not target:
            return []
        facts, _ = self.origins.scope_facts(scope)
        _, func = self.model.functions[registrar]
        flags = _turned_on(edge.site.kwargs, {p.name: p.default for p in func.params}) + record_flags
        details = {"framework": "in-process", "scheduler": self.registrars[registrar], "registrar": registrar,
                   "registered_at": f"{facts.path}:{edge.site.line}", "flags": flags,
                   "loop": self.loop_of(target), "at_startup": self._is_startup(scope, edge.site.line)}
        return [self._entry("job", target, "event-loop", (facts.path, edge.site.line), details)]

    def _job_target(self, scope: str, edge: "Edge") -> tuple[str, list[str]]:
        """(job function, flags of its record) a registration call hands over: its first argument that
        is a project function, else the callable of a job record built in the call ("" when neither)."""
        values = list(edge.site.args) + list(edge.site.kwargs.values())
        target = next((t for i, v in enumerate(values) if (t := self._callable(scope, v) or self._named_method(v)
                                                           or self._function_value(scope, edge, v)[0]
                                                           or self._bound_method(scope, edge, i))), "")
        if target:
            return target, []
        record = self._job_record(scope, values)  # `add(Job("close", partial(close_period, state), singleton=True))`
        return record if record is not None else ("", [])

    def _job_record(self, scope: str, values: list[Any]) -> tuple[str, list[str]] | None:
        """(function, flags) of a job record handed to the registrar: a project class built with the
        callable (`Job("close", partial(close_period, state), singleton=True)`); its flags are the
        record's fields defaulting to False that the call turns on."""
        for value in values:
            made = self.origins.edge_at(scope, value.get("line", 0), value["call"]) \
                if isinstance(value, dict) and "call" in value else None
            if made is None or made.target.kind != "class" or made.target.name not in self.model.classes:
                continue
            target = next(filter(None, (self._record_callable(scope, arg, made)
                                        for arg in (*made.site.args, *made.site.kwargs.values()))), "")
            if target:
                return target, _turned_on(made.site.kwargs, self.model.classes[made.target.name][1].class_attrs)
        return None

    def _record_callable(self, scope: str, arg: Any, made: "Edge") -> str:
        """The project function a record's field holds: `partial(f, ...)`, a callable, or a lambda's call."""
        if isinstance(arg, dict) and arg.get("call") in _PARTIALS:
            return self._partial_target(scope, arg)
        return self._callable(scope, arg) or self._lambda_call(scope, arg, (made,))

    def _named_method(self, value: Any) -> str:
        """`container.cycle_counts.generate_nightly` on an untyped container: the one project method
        of that name, when only one class defines it ("" otherwise)."""
        ref = value.get("ref") if isinstance(value, dict) else None
        if not isinstance(ref, str) or "." not in ref:
            return ""
        if self._methods_by_name is None:
            self._methods_by_name = {}
            for cls_fq, (_facts, cls) in self.model.classes.items():
                for method in cls.methods:
                    self._methods_by_name.setdefault(method, []).append(f"{cls_fq}.{method}")
        found = self._methods_by_name.get(ref.rsplit(".", 1)[-1], [])
        return found[0] if len(found) == 1 and found[0] in self.model.functions else ""

    # ----- project wrappers that start tasks -------------------------------------------------
    def _starters(self) -> dict[str, tuple[int, str, str]]:
        """Module-level functions that start a task from one of their parameters, e.g.
        `def create_task(coro): asyncio.create_task(coro)` or
        `def create_permanent_task(func): create_task(restart_on_error(func))`:
        fq -> (parameter index, "coro" or "callable", supervising wrapper fq or "")."""
        starters: dict[str, tuple[int, str, str]] = {}
        for _ in range(4):
            changed = False
            for fq, edges in self.model.edges.items():
                _, func = self.model.functions[fq]
                if fq in starters:
                    continue
                params = [p.name for p in func.params]
                if func.class_name:  # a registry's `spawn(self, coro)`: callers pass no `self`
                    if not params or params[0] not in ("self", "cls"):
                        continue
                    params = params[1:]
                for edge in edges:
                    found = self._starter_edge(fq, edge, params, starters)
                    if found is not None:
                        starters[fq], changed = found, True
                        break
            if not changed:
                break
        return starters

    def _starter_edge(self, fq: str, edge: "Edge", params: list[str],
                      starters: dict[str, tuple[int, str, str]]) -> tuple[int, str, str] | None:
        site = edge.site
        last = site.func[-1] if site.func else ""
        callee = self.model.callee_function(edge.target)
        if last in TASK_STARTERS and edge.target.kind in ("external", "unresolved"):
            index, mode, wrapper = 0, "coro", ""
        elif callee in starters:
            index, mode, wrapper = starters[callee]
        else:
            return None
        arg = site.args[index] if index < len(site.args) else None
        if not isinstance(arg, dict):
            return None
        if arg.get("ref") in params:
            return params.index(arg["ref"]), mode, wrapper
        if mode == "coro" and self.model.functions[fq][1].local_types.get(arg.get("ref", ""), False) is None:
            arg = self._built_from_param(fq, params)  # `coro = supervise(name, factory) if supervised else factory()`
            self.conditional_starters.add(fq)
        if "call" in arg:
            if arg["call"] in params:  # create_task(func())
                return params.index(arg["call"]), "callable", wrapper
            inner = self.origins.edge_at(fq, arg.get("line", 0), arg["call"])
            helper = self.model.callee_function(inner.target) if inner is not None else ""
            if helper and helper in self.model.functions:
                for position, value in enumerate(inner.site.args):
                    if isinstance(value, dict) and value.get("ref") in params and self._calls_param(helper, position):
                        return params.index(value["ref"]), "callable", helper
                closed = self._closure_call(fq, helper, params)
                if closed:  # `async def loop(): while True: await job(); ...` then `create_task(loop())`
                    return params.index(closed), "callable", helper
        return None

    def _closure_call(self, fq: str, helper: str, params: list[str]) -> str:
        """The parameter of `fq` that a function nested in it calls as a closure and repeats at the
        interval the caller gives (`def every(self, name, seconds, job): async def loop(): while
        True: await job(); await asyncio.sleep(seconds)`): the job a periodic helper runs; "" if none."""
        if not helper.startswith(f"{fq}.<locals>."):
            return ""
        _, func = self.model.functions[helper]
        pause = self.loop_of(helper).get("sleep_line", 0)
        if not any(site.line == pause and any(ref.split(".")[0] in params for ref in value_refs(site.args))
                   for site in func.calls):
            return ""  # a restarter's fixed back-off, not a period its caller chose
        own = {p.name for p in func.params} | set(func.local_types)
        return next((site.func[0] for site in func.calls if site.func and len(site.func) == 1
                     and site.func[0] in params and site.func[0] not in own), "")

    def _built_from_param(self, fq: str, params: list[str]) -> dict[str, Any]:
        """The call building a local coroutine whose value the facts could not pin (a conditional):
        the one call of `fq` handing a parameter to a project helper, as the argument to judge."""
        calls = [e.site for e in self.model.edges.get(fq, ()) if self.model.callee_function(e.target)
                 and any(isinstance(v, dict) and v.get("ref") in params for v in e.site.args)]
        return {"call": calls[0].name, "line": calls[0].line} if len(calls) == 1 else {}

    def _calls_param(self, fq: str, position: int) -> bool:
        """The helper calls the parameter its caller passes at `position` (a method's callers
        pass no `self`: `self._supervise(name, factory)`)."""
        _, func = self.model.functions[fq]
        params = [p.name for p in func.params]
        if func.class_name and params and params[0] in ("self", "cls"):
            params = params[1:]
        if position >= len(params):
            return False
        return any(site.func == (params[position],) for site in func.calls)

    def _passes_own_param(self, scope: str, edge: "Edge", starter: str) -> bool:
        """A wrapper calling a wrapper with its own parameter (`spawn(coro)` in `start_all(coro)`):
        reported at the outer wrapper's callers. A starter that hands over one of its own methods
        (`self._spawn("purge", self._purge, 60)` beside `create_task(...)` in `start()`) starts it here."""
        if scope not in self.starters:
            return False
        index = self.starters[starter][0]
        arg = edge.site.args[index] if index < len(edge.site.args) else None
        _, func = self.model.functions[scope]
        return not isinstance(arg, dict) or arg.get("ref") in {p.name for p in func.params}

    def _inside_starter(self, scope: str, edge: "Edge") -> bool:
        """The task start inside a wrapper: reported at the wrapper's callers instead."""
        return scope in self.starters and bool(edge.site.func) and edge.site.func[-1] in TASK_STARTERS

    def _wrapped(self, scope: str, edge: "Edge", starter: str) -> list["EntryPoint"]:
        index, mode, wrapper = self.starters[starter]
        arg = edge.site.args[index] if index < len(edge.site.args) else None
        via = ""
        if mode == "coro":
            target = self._callable(scope, arg)
        else:
            target, via = self._function_value(scope, edge, arg)
            target = target or self._bound_method(scope, edge, index)
        facts, _ = self.origins.scope_facts(scope)
        if not target:
            self.unresolved.append(f"{facts.path}:{edge.site.line}: {edge.site.name}() starts something "
                                   f"that could not be resolved")
            return []
        # a coroutine handed over as is keeps its call, so a restarting wrapper in it is seen through,
        # and so does a lambda calling one (`spawn("x", lambda: self._supervise("x", job.run))`)
        value = arg if mode == "coro" else self._restarter_lambda(scope, edge, arg, target) or \
            {"call": "", "line": 0, "_target": target}
        entries = self._task(scope, edge, value, starter)
        if wrapper and self._switched_off(starter, edge.site):
            wrapper = ""
            for entry in entries:
                entry.details["supervised_by"] = ""
                if entry.kind == "worker" and entry.details["loop"].get("function") != entry.function:
                    entry.details["loop"] = self.loop_of(entry.function)
        for entry in entries:
            entry.details["supervised_by"] = wrapper or entry.details.get("supervised_by", "")
            entry.details["kept_reference"] = entry.details["kept_reference"] or self._keeps_task(starter)
            if wrapper and not entry.details["loop"]:  # `_every(name, job, 60)`: the job runs in its loop
                self._as_worker(entry, self.loop_of(wrapper))
            if via:
                entry.details["via"] = via
                if not entry.details["loop"]:
                    self._as_worker(entry, self._returned_loop(via))
        return entries

    def _switched_off(self, starter: str, site) -> bool:
        """The start passes False for the flag of a starter that wraps the coroutine in its restarter
        only on request (`tasks.start("promoter", promoter.run, supervised=False)` where `start` does
        `supervise(name, factory) if supervised else factory()`): a boolean parameter defaulting to
        True, given a literal False, so this task runs bare."""
        if starter not in self.conditional_starters:
            return False
        _, func = self.model.functions[starter]
        params = [p for p in func.params if p.name not in ("self", "cls")]
        for position, param in enumerate(params):
            if not (param.has_default and param.default is True):
                continue
            given = site.kwargs.get(param.name, site.args[position] if position < len(site.args) else None)
            if given is False:
                return True
        return False

    @staticmethod
    def _as_worker(entry: "EntryPoint", loop: dict) -> None:
        """A one-shot task run by a loop of its starter (a wrapper, a helper's closure) is a worker."""
        if loop and entry.kind == "task" and not entry.details.get("background_tasks"):
            entry.details["loop"] = loop
            entry.kind = "worker"
            entry.name = "worker" + entry.name[len("task"):]

    def _supervised(self, scope: str, value: Any, target: str) -> list[str]:
        """`create_task(supervise("rollup", rollup.run))`: the functions a project wrapper keeps
        calling in a loop (restarting them when they end), handed to it as an argument - one per
        item when the start runs in a loop over a collection (`supervise(w.name, w.run) for w in jobs`)."""
        if not isinstance(value, dict) or not value.get("call"):
            return []
        param = self._restarted_param(target)
        if param is None:
            return []
        edge = self.origins.edge_at(scope, value.get("line", 0), value["call"])
        if edge is None:
            return []
        position, name = param
        arg = edge.site.args[position] if position < len(edge.site.args) else edge.site.kwargs.get(name)
        found = [self._function_value(scope, edge, item)[0] for item in self._elements(scope, edge.site, arg)]
        return [fq for fq in found if fq in self.model.functions]

    def _stored_jobs(self, scope: str, value: Any, target: str) -> list[str]:
        """`job.run_forever(stop) for job in jobs` over `PeriodicJob("margin", 300, run_margin)` objects
        whose method keeps calling `self.fn()`, stored by `__init__` from that argument: the function
        the object (`value`, a method of a construction, see `_member`) was built with."""
        item = value.get("_made") if isinstance(value, dict) else None
        param = self._stored_param(target) if item else None
        made = self._construction(scope, item) if param else None
        if made is None or made.target.kind != "class":
            return []
        job = self._function_value(scope, made, passed_argument(made.site, *param))[0]
        return [job] if job in self.model.functions else []

    def _construction(self, scope: str, item: dict[str, Any]) -> "Edge | None":
        """The call building a collection's item, in `scope` or (an item of a module constant the
        function walks) at its module's level."""
        line, name = item.get("line", 0), item["call"]
        facts, _ = self.origins.scope_facts(scope)
        return self.origins.edge_at(scope, line, name) or self.origins.edge_at(facts.module, line, name)

    def _stored_param(self, method: str) -> tuple[str, int, str] | None:
        """(name, position, kind) of the `__init__` parameter stored in the attribute the method
        calls inside its endless loop (`self.fn = fn`, then `while ...: await self.fn()`)."""
        _, func = self.model.functions[method]
        init = self.model.method_of(method.rsplit(".", 1)[0], "__init__") if func.class_name else ""
        if not init:
            return None
        loops = func.extra.get("loops", {})
        called = {site.func[1] for site in func.calls if site.func and len(site.func) == 2 and site.func[0] == "self"
                  and endless_loop(loops.get(site.loop_line, {}))}
        init_func = self.model.functions[init][1]
        params = positional_params(init_func)
        for attr in sorted(called):
            stored = init_func.self_attrs.get(attr)
            name = stored.get("ref") if isinstance(stored, dict) else None
            param = next((p for p in init_func.params if p.name == name), None)
            if param is not None and name in params:
                return name, params.index(name), param.kind
        return None

    def _elements(self, scope: str, site: Any, value: Any) -> list[Any]:
        """The values an argument takes when it names the variable of the loop the call runs in and
        that loop walks a literal collection (`[create_task(c) for c in (a.run(), b.run())]`, `for name,
        coro in jobs.items():` over a dict literal, `w.run` for `w` in a list of `Worker(...)` calls):
        one value per item, else the argument itself."""
        module, func = self.origins.scope_facts(scope)
        info = func.extra.get("loops", {}).get(site.loop_line) if func is not None and site.loop_line else None
        name = (value.get("ref") or value.get("call")) if isinstance(value, dict) else None
        if not info or not name:
            return [value]
        root, _, attr = name.partition(".")
        targets = info.get("target", "").split(",")
        if root not in targets:
            return [value]
        iterable, built_in = self._attribute_collection(scope, info["iter"])
        items = [self._item_part(item, targets.index(root), len(targets))
                 for item in _collection(func, iterable, module.assigns)]
        found = [self._member(built_in or scope, item, attr) for item in items]
        return [v for v in found if v is not None] or [value]

    def _attribute_collection(self, scope: str, iterable: Any) -> tuple[Any, str]:
        """(the literal, the `__init__` building it) when a method walks a collection its object
        set up (`self._workers = [Sweeper(db), Exporter(s3)]`, then `for w in self._workers:
        create_task(w.run())`); else (the iterable, "")."""
        ref = iterable.get("ref", "") if isinstance(iterable, dict) else ""
        owner = scope.rpartition(".")[0]
        if not ref.startswith("self.") or ref.count(".") != 1 or owner not in self.model.classes:
            return iterable, ""
        init = self.model.method_of(owner, "__init__")
        literal = self.model.functions[init][1].self_attrs.get(ref[5:]) if init in self.model.functions else None
        return (literal, init) if isinstance(literal, dict) and "items" in literal else (iterable, "")

    @staticmethod
    def _item_part(item: Any, index: int, width: int) -> Any:
        """The part of one item the loop variable at `index` of `width` names (`name, coro`)."""
        if width == 1:
            return item
        parts = item if isinstance(item, list) else (item.get("items") if isinstance(item, dict) else None)
        return parts[index] if isinstance(parts, list) and len(parts) == width else None

    def _member(self, scope: str, item: Any, attr: str) -> Any:
        """`item` itself, or its attribute `attr` as a resolved function when the item constructs a
        project class (`Sweeper(...)` with `.run`): the value the loop's argument stands for. An
        item that is itself such a method (`{"sweep": Sweeper(redis).run}`) is resolved the same way."""
        if not attr and isinstance(item, dict) and "member" in item:
            item, attr = item["of"], item["member"]
        if not attr:
            return item
        if not isinstance(item, dict) or "call" not in item:
            return {"ref": f"{item['ref']}.{attr}"} if isinstance(item, dict) and "ref" in item else None
        made = self._construction(scope, item)
        if made is None or made.target.kind != "class":
            return None
        method = self.model.method_of(made.target.name, attr)
        return {"_target": method, "_made": item} if method else None

    def _restarted_param(self, fq: str) -> tuple[int, str] | None:
        """(position as callers pass it, name) of a parameter the function calls inside a
        loop that runs until stopped, e.g. `while True: await factory()`."""
        _, func = self.model.functions[fq]
        params = [p.name for p in func.params if p.kind in ("posonly", "pos", "kwonly")]
        if func.class_name and params and params[0] in ("self", "cls"):
            params = params[1:]
        loops = func.extra.get("loops", {})
        for site in func.calls:
            if site.func and len(site.func) == 1 and site.func[0] in params and \
                    endless_loop(loops.get(site.loop_line, {})):
                return params.index(site.func[0]), site.func[0]
        return None

    def _keeps_task(self, starter: str, depth: int = 0) -> bool:
        """The wrapper keeps the task it creates: binds it to a name that it then stores
        (`tasks.append(task)`, `running[name] = task`). Returning it hands it to the caller."""
        _, func = self.model.functions[starter]
        for edge in self.model.edges.get(starter, ()):
            last = edge.site.func[-1] if edge.site.func else ""
            inner = self.model.callee_function(edge.target)
            if inner in self.starters and depth < 4 and self._keeps_task(inner, depth + 1):
                return True
            if last in TASK_STARTERS or inner in self.starters:
                names = [n for n, v in func.bound_on(edge.site.line) if v.get("call") == edge.site.name]
                if names and (any({"ref": names[0]} in site.args for site in func.calls)
                              or any(store.get("item") for store in func.extra.get("stores", ()))):
                    return True
        return False

    def _function_value(self, scope: str, edge: "Edge", value: Any) -> tuple[str, str]:
        """The function a callable argument runs: a reference, a lambda's call, or the
        function (or lambda) handed to a project helper that returns a closure
        (`run_interval(60, job)`, `every(60, lambda: job(db))`)."""
        if not isinstance(value, dict):
            return "", ""
        if "_target" in value:  # a loop item's method, resolved by `_elements`
            return value["_target"], ""
        facts, func = self.origins.scope_facts(scope)
        if "ref" in value:
            local = func.local_types.get(value["ref"]) if func is not None else None
            if isinstance(local, dict) and local.get("call") in _PARTIALS:
                return self._partial_target(scope, local), ""
            found = self.model.resolver.type_of_value(facts, func, value, 1)
            return (found[1], "") if found and found[0] == "function" else ("", "")
        if "lambda" in value:
            return self._lambda_call(scope, value, (edge,)), ""
        if "call" in value:
            return self._handed_to_helper(scope, edge, value)
        return "", ""

    def _handed_to_helper(self, scope: str, edge: "Edge", value: dict[str, Any]) -> tuple[str, str]:
        """(function, helper) for a project helper's call whose result is the callable
        (`run_interval(60, job)`): the first function or lambda's call among its arguments."""
        facts, func = self.origins.scope_facts(scope)
        inner = self.origins.edge_at(scope, value.get("line", 0), value["call"])
        helper = self.model.callee_function(inner.target) if inner is not None else ""
        if not helper:
            return "", ""
        for arg in inner.site.args:
            found = self.model.resolver.type_of_value(facts, func, arg, 1) if isinstance(arg, dict) else None
            if found and found[0] == "function":
                return found[1], helper
            called = self._lambda_call(scope, arg, (edge, inner))  # every(60, lambda: job(db))
            if called:
                return called, helper
        return "", ""

    def _bound_method(self, scope: str, edge: "Edge", position: int) -> str:
        """The method a bound method of a fresh instance runs (`spawn("poll", Poller(db).run)`),
        passed at `position` of the call `edge` makes."""
        _, func = self.origins.scope_facts(scope)
        value = next((b for b in (func.extra.get("bound_args", ()) if func is not None else ())
                      if b["line"] == edge.site.line and b["position"] == position), None)
        made = self.origins.edge_at(scope, value["call_line"], value["of_call"]) if value else None
        if made is None or made.target.kind != "class":
            return ""
        return self.model.method_of(made.target.name, value["method"])

    def _restarter_lambda(self, scope: str, edge: "Edge", arg: Any, target: str) -> dict[str, Any] | None:
        """The call a `lambda: supervise("x", job.run)` makes, as a value, when `target` is a
        wrapper that keeps calling one of its parameters: the job it restarts is what runs."""
        if not isinstance(arg, dict) or "lambda" not in arg or self._restarted_param(target) is None:
            return None
        inner = next((e for e in self.model.edges.get(scope, ()) if e.site.line == arg["lambda"] and e is not edge
                      and self.model.callee_function(e.target) == target), None)
        return {"call": inner.site.name, "line": inner.site.line} if inner is not None else None

    def _lambda_call(self, scope: str, value: Any, skip: tuple["Edge", ...]) -> str:
        """The project function a `lambda: job(args)` calls: the project call on the lambda's line
        other than the calls it is handed to (`skip`) and the project's task starters."""
        if not isinstance(value, dict) or "lambda" not in value:
            return ""
        _, func = self.origins.scope_facts(scope)
        for other in (self.model.edges.get(scope, ()) if func is not None
                      else self.model.module_edges.get(scope, ())):
            callee = self.model.callee_function(other.target)
            if other.site.line == value["lambda"] and all(other is not e for e in skip) and callee and \
                    callee not in self.starters and callee not in self.registrars:
                return callee
        return ""

    def _partial_target(self, scope: str, bound: dict[str, Any]) -> str:
        """What `job = partial(f, *args)` runs when called: `f`, or - when `f` keeps calling a
        callable parameter in a loop (`partial(periodic, 60, digest.run_once)`) - that callable,
        the function the loop really runs."""
        edge = self.origins.edge_at(scope, bound.get("line", 0), bound["call"])
        if edge is None or not edge.site.args:
            return ""
        facts, func = self.origins.scope_facts(scope)
        first = edge.site.args[0]
        found = self.model.resolver.type_of_value(facts, func, first, 1) if isinstance(first, dict) else None
        if not found or found[0] != "function" or found[1] not in self.model.functions:
            return ""
        wrapped = found[1]
        param = self._restarted_param(wrapped)
        if param is not None:
            position, name = param
            arg = edge.site.args[position + 1] if position + 1 < len(edge.site.args) else edge.site.kwargs.get(name)
            inner = self.model.resolver.type_of_value(facts, func, arg, 1) if isinstance(arg, dict) else None
            if inner and inner[0] == "function" and inner[1] in self.model.functions:
                return inner[1]
        return wrapped

    def _returned_loop(self, helper: str) -> dict[str, Any]:
        _, func = self.model.functions[helper]
        for value in func.returns_values:
            if isinstance(value, dict) and "ref" in value:
                nested = f"{helper}.<locals>.{value['ref']}"
                if nested in self.model.functions:
                    return self.loop_of(nested)
        return {}

    # ----- helpers --------------------------------------------------------------------------
    def _callable(self, scope: str, value: Any) -> str:
        """The project function a coroutine object or callable value runs."""
        if not isinstance(value, dict):
            return ""
        if "_target" in value:
            return value["_target"]
        facts, func = self.origins.scope_facts(scope)
        if "call" in value:
            edge = self.origins.edge_at(scope, value.get("line", 0), value["call"]) if value["call"] else \
                self._chained_call(scope, value.get("line", 0))
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

    def _chained_call(self, scope: str, line: int) -> "Edge | None":
        """The one method called on a call's result on that line (`create_task(Sweeper().run())`)."""
        found = [e for e in self.origins.sites_at(scope, line) if e.site.name.startswith("().")
                 and self.model.callee_function(e.target)]
        return found[0] if len(found) == 1 else None

    def _is_startup(self, scope: str, line: int) -> bool:
        if scope not in self.at_startup:
            return False
        if scope in self.startup:
            _, func = self.model.functions[scope]
            yield_line = func.extra.get("yield_line", 0)
            return not yield_line or line < yield_line
        return True

    def loop_of(self, fq: str, depth: int = 0) -> dict[str, Any]:
        """The long-running loop of a function (or of a method a short wrapper awaits): its line, whether
        it is `while True`, and the sleep inside it, or {} when there is none."""
        facts, func = self.model.functions[fq]
        for line, info in sorted(func.extra.get("loops", {}).items()):
            if not endless_loop(info) or _under_deadline(func, line):  # `while ...`, `for c in itertools.count():`
                continue
            end = _block_end(func, line)
            sleeps = [(s, i) for s in func.calls if line <= s.line <= end and (i := _pause_index(s)) >= 0]
            sleeps += self._helper_pauses(fq, line, end)
            sleeps.sort(key=lambda s: (s[0].loop_line != line, s[0].line))  # the loop's own pause first
            return {"function": fq, "path": facts.path, "line": line,
                    "forever": info.get("iter") is True or info.get("kind") == "for",
                    "sleep": self._sleep_text(fq, *sleeps[0]) if sleeps else "",
                    "sleep_line": sleeps[0][0].line if sleeps else 0}
        for site in func.calls:
            if getattr(site, "used_as", "") == "async-for":
                return {"function": fq, "path": facts.path, "line": site.line, "forever": False,
                        "stream": site.name, "sleep": "", "sleep_line": 0}
        if depth < 2 and func.code_lines <= _HANDOVER_LINES:  # `async def run(self): await self._consume()`
            for edge in self.model.edges.get(fq, ()):
                callee = edge.target.name if edge.target.kind == "function" else ""
                if callee and edge.site.awaited and callee != fq:
                    found = self.loop_of(callee, depth + 1)
                    if found:
                        return found
        return {}

    def _helper_pauses(self, fq: str, line: int, end: int) -> list[tuple[Any, int]]:
        """(site, index of the duration argument) of the awaited project helpers inside the loop that
        only pause: `await sleep_or_stop(stop, self.interval)` is the loop's sleep, cut short on shutdown."""
        out = []
        for edge in self.model.edges.get(fq, ()):
            if edge.target.kind == "function" and edge.site.awaited and line <= edge.site.line <= end:
                index = self._pause_param(edge.target.name)
                if index >= 0:
                    out.append((edge.site, index))
        return out

    def _pause_param(self, fq: str) -> int:
        """The parameter index of a short helper's pause length: it sleeps for it, or waits on an
        event with it as the timeout (`wait_for(stop.wait(), timeout=seconds)`); -1 when it is no pause."""
        found = self.model.functions.get(fq)
        if found is None or found[1].code_lines > _PAUSE_LINES:
            return -1
        names = [p.name for p in found[1].params if p.name not in ("self", "cls")]  # as the caller passes them
        params = {name: index for index, name in enumerate(names)}
        for site in found[1].calls:
            index = _pause_index(site)
            length = (site.args[index] if index < len(site.args) else site.kwargs.get("timeout")) if index >= 0 \
                else None
            if isinstance(length, dict) and length.get("ref") in params:
                return params[length["ref"]]
        return -1

    def _sleep_text(self, fq: str, site: Any, index: int = 0) -> str:
        """The sleep's argument, traced to a value where the code allows ("2.0 (self.interval, ...)")."""
        if len(site.args) <= index and "timeout" not in site.kwargs:
            return ""
        value = site.args[index] if len(site.args) > index else site.kwargs["timeout"]
        text = self.constants.of_value(fq, value).describe()
        return "a computed interval" if text.startswith("<") else text

    def _entry(self, kind: str, fq: str, runs_in: str, started: tuple[str, int],
               details: dict[str, Any]) -> "EntryPoint":
        from .app import EntryPoint

        facts, func = self.model.functions[fq]
        label = func.qualname.replace(".<locals>.", ".")
        return EntryPoint(kind, fq, facts.path, func.line, f"{kind} {label}", runs_in=runs_in,
                          started_at=started, details=details)


_PARTIALS = frozenset({"partial", "functools.partial"})


def _turned_on(kwargs: dict[str, Any], defaults: dict[str, Any]) -> list[str]:
    """The flags a call turns on: its keywords passed `True` whose default (a parameter's, a
    record field's) is False (`exclusive=True`, `singleton=True`)."""
    return sorted(k for k, v in kwargs.items() if v is True and defaults.get(k) is False)
# A function this short that awaits a looping method hands its task over to that loop; a longer
# one (a chat turn, a request pipeline) does its own one-shot work and merely calls loops on the way.
_HANDOVER_LINES = 25
_PAUSE_LINES = 8  # a helper this short whose call sleeps or waits with a timeout is the caller's pause


def _pause_index(site: Any) -> int:
    """The argument position of a pause's length: `sleep(t)` (0), or a wait on an event that times out,
    `wait_for(stop.wait(), timeout=t)` (1); -1 when the call is no pause."""
    name = site.name.rsplit(".", 1)[-1]
    if name == "sleep":
        return 0
    if name == "wait_for" and any(isinstance(a, dict) and str(a.get("call", "")).endswith("wait")
                                  for a in site.args[:1]):
        return 1
    return -1


def _collection(func: Any, iterable: Any, constants: dict[str, Any] | None = None) -> list[Any]:
    """The items of a loop's iterable when it is a literal collection, directly or through a local
    name or a constant of the function's module (`WORKERS = {"mail": mail.run, ...}`, a registry the
    starter walks): a list, tuple or set's elements, a dict's keys, `.values()` or `.items()` ([key, value])."""
    if not isinstance(iterable, dict):
        return []
    method = ""
    if "call" in iterable:
        owner, _, method = iterable["call"].rpartition(".")
        if method not in ("items", "values", "keys") or not owner:
            return []
        iterable = {"ref": owner}
    if "ref" in iterable:
        name = iterable["ref"]
        iterable = func.local_types.get(name)
        if name not in func.local_types and name in (constants or {}):
            iterable = constants[name].value
    if not isinstance(iterable, dict) or not isinstance(iterable.get("items"), list):
        return []
    items = _with_members(iterable)
    if iterable.get("literal") != "dict":
        return [] if method else items
    pairs = [pair for pair in items if isinstance(pair, list) and len(pair) == 2]
    return pairs if method == "items" else [pair[1 if method == "values" else 0] for pair in pairs]


def _with_members(literal: dict[str, Any]) -> list[Any]:
    """The literal's items, with those the facts keep as members of an object built in place
    (`Sweeper(redis).run`, under "members") put back in their place (a dict's as the pair's value)."""
    items = list(literal["items"])
    for index, member in literal.get("members", ()):
        if index < len(items):
            items[index] = [items[index][0], member] if literal.get("literal") == "dict" else member
    return items


def _keeps_item(func: Any) -> bool:
    """The method adds to a collection on its object (`self._jobs.append(...)`, `self._jobs[name] = ...`)
    and starts nothing itself: the job waits for the scheduler's `start()` (a supervisor's `spawn()`
    that creates the task at once keeps tasks, not jobs)."""
    if func.is_async or any(site.func and site.func[-1] in TASK_STARTERS for site in func.calls):
        return False  # registering is a plain call; an async method keeping results is doing the work
    return any(site.func and len(site.func) == 3 and site.func[0] == "self" and site.func[2] in ("append", "add")
               for site in func.calls) or \
        any(store["target"].startswith("self.") and store["item"] for store in func.extra.get("stores", ()))


def endless_loop(info: dict[str, Any]) -> bool:
    """`while ...` or `for attempt in itertools.count()`: a loop that runs until something
    stops it, rather than once per item."""
    if info.get("kind") == "while":
        return not info.get("walks")  # `while folder: folder = await parent_of(folder)` ends with the chain
    it = info.get("iter")
    return info.get("kind") == "for" and isinstance(it, dict) and it.get("call") in ("itertools.count", "count")


def _under_deadline(func: Any, line: int) -> bool:
    """`async with asyncio.timeout(t): while True: ...`: the loop waits for one answer and the
    deadline ends it; it does not keep a worker alive."""
    return any(block.get("kind") == "with" and is_timeout_wrapper(block.get("expr", ""))
               and block["line"] < line <= block.get("end", line) for block in func.extra.get("blocks", ()))


def _block_end(func: Any, line: int) -> int:
    for block in func.extra.get("blocks", ()):
        if block.get("kind") == "loop" and block.get("line") == line:
            return block.get("end", line)
    return func.end_line


_LOOP_RUNNERS = frozenset({"asyncio.run", "uvloop.run", "anyio.run", "trio.run", "asyncio.runners.run"})
# what an `async for` in a process's main consumes when it serves: a broker consumer, a pub/sub
# subscription, a watch or an event stream (not the rows of one query or the pages of one export)
_CONSUMES = re.compile(r"(?i)consum|subscri|listen|messages|watch|events|iterator|receive|queue")


def _serving_loop(fq: str, facts: Any, func: Any) -> dict[str, Any] | None:
    """The loop of `func` itself that only a stop ends (see `WorkerFinder._serves`), or None."""
    def loop(line: int, forever: bool, **more: Any) -> dict[str, Any]:
        return {"function": fq, "path": facts.path, "line": line, "forever": forever, "sleep": "", "sleep_line": 0,
                **more}

    for block in func.extra.get("blocks", ()):  # a `for` loop's block always ends on success
        if block.get("kind") == "loop" and not block.get("ends_on_success") and not _under_deadline(func, block["line"]):
            return loop(block["line"], bool(block.get("forever")))
    for line, info in sorted(func.extra.get("loops", {}).items()):
        if info.get("kind") == "for" and endless_loop(info):  # `for _ in itertools.count():`
            return loop(line, True)
    site = next((s for s in func.calls if s.used_as == "async-for" and _CONSUMES.search(s.name)), None)
    return loop(site.line, False, stream=site.name) if site is not None else None


def _runs_loop(edge: "Edge") -> bool:
    """A call that runs a coroutine to completion on a new event loop (`asyncio.run(main())`)."""
    last = edge.site.func[-1] if edge.site.func else ""
    return edge.target.name in _LOOP_RUNNERS or last == "run_until_complete" or \
        last == "run" and edge.site.func[:-1] in (("asyncio",), ("uvloop",), ("anyio",), ("trio",))


def _may_start(edge: "Edge") -> bool:
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


def _dedupe(entries: list["EntryPoint"]) -> list["EntryPoint"]:
    seen: set[tuple] = set()
    out = []
    for entry in entries:
        key = (entry.kind, entry.function, entry.started_at)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
