"""In-process schedulers the project writes itself: a class whose `every()` / `add_job()` keeps a
job in a collection and whose loop runs them, and the jobs registered with it from outside.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .app import offline_modules
from .started_callables import PARTIALS
from .task_starts import TASK_STARTERS

if TYPE_CHECKING:
    from .app import EntryPoint
    from .origins import Origins
    from .project import Edge, ProjectModel


class InProcessSchedulers:
    """Part of `WorkerFinder`: hand-written schedulers and the jobs handed to them."""

    model: ProjectModel
    origins: Origins
    registrars: dict[str, str]
    _methods_by_name: dict[str, list[str]] | None

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
        if isinstance(arg, dict) and arg.get("call") in PARTIALS:
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


def _turned_on(kwargs: dict[str, Any], defaults: dict[str, Any]) -> list[str]:
    """The flags a call turns on: its keywords passed `True` whose default (a parameter's, a
    record field's) is False (`exclusive=True`, `singleton=True`)."""
    return sorted(k for k, v in kwargs.items() if v is True and defaults.get(k) is False)


def _keeps_item(func: Any) -> bool:
    """The method adds to a collection on its object (`self._jobs.append(...)`, `self._jobs[name] = ...`)
    and starts nothing itself: the job waits for the scheduler's `start()` (a supervisor's `spawn()`
    that creates the task at once keeps tasks, not jobs)."""
    if func.is_async or any(site.func and site.func[-1] in TASK_STARTERS for site in func.calls):
        return False  # registering is a plain call; an async method keeping results is doing the work
    return any(site.func and len(site.func) == 3 and site.func[0] == "self" and site.func[2] in ("append", "add")
               for site in func.calls) or \
        any(store["target"].startswith("self.") and store["item"] for store in func.extra.get("stores", ()))
