"""Supervised work: the functions a project wrapper keeps calling in a loop, restarting them
when they end (`supervise("rollup", rollup.run)`), and the function a job object stored and keeps
calling (`PeriodicJob("margin", 300, run_margin)` with `while ...: await self.fn()`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .dispatch import lambda_picked_name, literal_values, picked_literals
from .origins import passed_argument, positional_params
from .programs import program_functions
from .worker_loops import endless_loop, under_deadline

if TYPE_CHECKING:
    from .app import EntryPoint
    from .origins import Origins
    from .project import Edge, ProjectModel


class Supervision:
    """Part of `WorkerFinder`: what restarting wrappers and job objects run."""

    model: ProjectModel
    origins: Origins
    _restarting: dict[str, bool]  # supervisor fq -> whether it keeps restarting its parameter
    picked_jobs: set[tuple[str, int, str]]  # (scope, line, job) of jobs a start picks from a registry

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
        items = [one for item in self._elements(scope, edge.site, arg) for one in self._registry_pick(scope, item)]
        found = [self._function_value(scope, edge, item)[0] for item in items]
        if arg is None and position < len(edge.site.args):  # `supervise("mail", Mailer(db).run_forever)`
            found.append(self._bound_method(scope, edge, position))
        self.picked_jobs.update((scope, value.get("line", 0), fq) for fq, item in zip(found, items)
                                if isinstance(item, dict) and item.get("_picked"))
        return [fq for fq in dict.fromkeys(found) if fq in self.model.functions]

    def _registry_pick(self, scope: str, value: Any) -> list[Any]:
        """`worker = WORKERS[name](res)` then `supervise(name, worker.run_forever)`: which registry
        value runs depends on the command line, so the argument stands for each one - the method of
        every class the registry holds, or every function (`job = JOBS[name]`, `supervise(name, job)`).
        Any other value stands for itself."""
        ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
        facts, func = self.origins.scope_facts(scope)
        if ref is None and func is not None:  # `lambda: job(ctx)` hands the picked `job` on
            ref = lambda_picked_name(func, value) or None
        if not isinstance(ref, str) or func is None:
            return [value]
        local, _, attr = ref.partition(".")
        bound = func.local_types.get(local)
        literals = picked_literals(self.model, facts, func, bound) if "." not in attr else []
        if not literals:
            return [value]
        # `WORKERS[name](res)` is an instance; `JOBS[name]`, `JOBS.get(name)`, `_jobs()[name]` the value itself
        built = str(bound.get("call", "")).endswith(".[]")
        targets = [self._picked_target(kind, fq, attr, built)
                   for scope_facts, scope_func, literal, owner in literals
                   for kind, fq in literal_values(self.model, scope_facts, scope_func, literal, owner)]
        return [{"_target": target, "_picked": True} for target in targets if target] or [value]

    def _picked_target(self, kind: str, fq: str, attr: str, built: bool) -> str:
        """What runs for one registry value: the method `attr` of a class built from it, or the
        function itself when it is used as it is; "" when the value does not fit the use."""
        if kind == "class" and attr and built:
            return self.model.method_of(fq, attr)
        return fq if kind == "function" and not attr and not built else ""

    def _mark_program_jobs(self, entries: list["EntryPoint"], mains: list["EntryPoint"]) -> None:
        """A supervised job picked from a registry in a worker program (`jobs[which]`, `WORKERS[name](res)`
        under `python -m app.workers reports`) is one of that program's registry jobs: each deployment of
        the program runs it in every copy, as with a job the program looks up and calls itself."""
        for main in dict.fromkeys(e.details["main"] for e in mains if e.details.get("main")):
            scopes = set(program_functions(self.model, main))
            for entry in entries:
                scope, line = entry.details.get("started_in", ""), entry.started_at[1]
                if scope in scopes and (scope, line, entry.function) in self.picked_jobs \
                        and not entry.details.get("program"):
                    entry.details.update(program=main, script=True, job=entry.function, lookup=(scope, line),
                                         registry=f"registry picked in {scope}")

    def _supervisor_call(self, scope: str, edge: "Edge", supervisor: str) -> list["EntryPoint"]:
        """`await supervise("reports", factory)`, `gather(*(supervise(n, f) for n, f in jobs.items()))`:
        calling a function that keeps calling its parameter until stopped starts that callable just as
        `create_task(supervise(...))` does, so whoever calls the supervisor starts each job it is handed.
        A wrapper that restarts on a crash but returns once the callable ends (`await factory(); return`)
        is also a retry helper's shape (`with_retries(lambda: export_once(db))`): through it, only a job
        that serves itself (a loop only a stop ends, in it or awaited from it) runs for the process's life."""
        if not self._keeps_restarting(supervisor) and self._restarted_param(supervisor) is None:
            return []
        value = {"call": edge.site.name, "line": edge.site.line}
        jobs = self._supervised(scope, value, supervisor)
        if not self._keeps_restarting(supervisor):
            jobs = [job for job in jobs if self._awaited_loop(job) is not None]
        return [self._started(scope, edge, job, supervisor, edge.site.name, False, "") for job in jobs]

    def _keeps_restarting(self, fq: str) -> bool:
        """The function calls a parameter in a loop that no success ends (`while True: try: await
        factory() except Exception: log; sleep`), unlike a retry helper that returns the first result:
        a call of it runs the callable for the life of the process."""
        if fq not in self._restarting:
            self._restarting[fq] = self._restarted_param(fq) is not None and self._restart_loop_endless(fq)
        return self._restarting[fq]

    def _restart_loop_endless(self, fq: str) -> bool:
        _, func = self.model.functions[fq]
        params = {p.name for p in func.params}
        lines = {site.loop_line for site in func.calls if site.func and len(site.func) == 1 and site.func[0] in params}
        return any(block.get("kind") == "loop" and block.get("line") in lines and not block.get("ends_on_success")
                   and not under_deadline(func, block["line"]) for block in func.extra.get("blocks", ()))

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

