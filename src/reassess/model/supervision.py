"""Supervised work: the functions a project wrapper keeps calling in a loop, restarting them
when they end (`supervise("rollup", rollup.run)`), and the function a job object stored and keeps
calling (`PeriodicJob("margin", 300, run_margin)` with `while ...: await self.fn()`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .origins import passed_argument, positional_params
from .worker_loops import endless_loop

if TYPE_CHECKING:
    from .origins import Origins
    from .project import ProjectModel


class Supervision:
    """Part of `WorkerFinder`: what restarting wrappers and job objects run."""

    model: ProjectModel
    origins: Origins

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
