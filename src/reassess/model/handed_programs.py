"""Worker programs started through a project runner, and the several loops one program serves.

A project often starts each of its worker programs through one helper: `run_program("settlement",
main)` doing `asyncio.run(_runner())` with `await main(container, stop)` inside, or `main(TatStats)`
doing `asyncio.run(worker_cls().run())`. What the process runs is the callable (or the class) each
module hands to the runner, so each such call is a program of its own, entered at what it hands.

A program's main may also gather several coroutines that each keep serving (`await
asyncio.gather(prober.consume(stop), prober.upload(stop), tls_expiry.run_forever(pool, stop))`):
each of them is a worker of the process, not only the first one reached. And a base class's loop
calling a hook each subclass fills in (`await self.tick()`) runs, for the class a program starts,
that subclass's hook: the job of that program.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .passed import call_arguments

if TYPE_CHECKING:
    from .app import EntryPoint
    from .origins import Origins
    from .project import Edge, ProjectModel

_GATHERS = frozenset({"asyncio.gather", "anyio.gather"})


class HandedPrograms:
    """Part of `WorkerFinder` (with `ScriptMains`): programs handed to a runner, gathered loops, hooks."""

    model: ProjectModel
    origins: Origins

    def _handed_mains(self, scope: str, edge: "Edge", imported: Any) -> list["EntryPoint"]:
        """The programs a runner function (`def run_program(name, main): asyncio.run(...)`) starts,
        one per call that runs as a process's body and hands it a project coroutine or class."""
        runner = self.model.functions.get(scope)
        if runner is None or not runner[1].params or not edge.site.args:
            return []
        out: list["EntryPoint"] = []
        for call in self.origins.callers(scope):
            if call.caller == scope or not self._runs_as_process(call.caller, imported):
                continue
            target, cls = self._handed_main(scope, edge, call)
            if target:
                path = self.origins.scope_facts(call.caller)[0].path
                out += self._program_entries(target, call.caller, edge.site.name, (path, call.site.line), cls)
        return out

    def _handed_main(self, scope: str, edge: "Edge", call: "Edge") -> tuple[str, str]:
        """(coroutine fq, class fq or "") the runner's loop runs for the values `call` hands it:
        `asyncio.run(worker_cls().run())` with a class handed as `worker_cls`, `asyncio.run(main())`
        with a coroutine function handed as `main`, or a closure the runner defines that awaits
        the handed `main(container, stop)`."""
        bound = {name: value for name, value in call_arguments(self.model.functions[scope][1], call.site)}
        value = edge.site.args[0]
        if not isinstance(value, dict) or "call" not in value:
            return "", ""
        sites = [e.site for e in self.origins.sites_at(scope, value.get("line", 0))]
        method = next((s.func[-1] for s in sites if s.func[:1] == ("()",) and len(s.func) == 2), "")
        for site in sites:
            found = self._bound_value(call, bound, site.func)
            if found[0] == "class" and method:
                run = self.model.method_of(found[1], method)
                return (run, found[1]) if run and self.model.functions[run][1].is_async else ("", "")
            if found[0] == "function" and self.model.functions[found[1]][1].is_async:
                return found[1], ""
        closure = self._callable(scope, value)
        entered = next((s for s in sites if s.func == (value["call"],)), None)
        return (self._awaited_param(closure, call, bound, entered), "") if closure else ("", "")

    def _awaited_param(self, closure: str, call: "Edge", bound: dict[str, Any], entered: Any = None) -> str:
        """The handed coroutine function a runner's own coroutine awaits (`await main(container, stop)`
        where `main` is the runner's parameter, read by a closure or passed on to a coroutine the runner
        runs: `asyncio.run(_main(body))` with `await body(container, stopper)` in `_main`)."""
        found = self.model.functions.get(closure)
        if found is None or not found[1].is_async:
            return ""
        own = {p.name for p in found[1].params}
        passed = dict(call_arguments(found[1], entered)) if entered is not None else {}
        for site in found[1].calls:
            if site.used_as != "await" or len(site.func) != 1:
                continue
            name = site.func if site.func[0] not in own else _passed_name(passed.get(site.func[0]))
            kind, fq = self._bound_value(call, bound, name) if name else ("", "")
            if kind == "function" and self.model.functions[fq][1].is_async:
                return fq
        return ""

    def _bound_value(self, call: "Edge", bound: dict[str, Any], func: tuple) -> tuple[str, str]:
        """("function" | "class", fq) of the project value the runner's caller hands at the parameter
        a call site names (`worker_cls`, `main`), or ("", "")."""
        if len(func) != 1 or func[0] not in bound:
            return "", ""
        facts, caller = self.origins.scope_facts(call.caller)
        found = self.model.resolver.type_of_value(facts, caller, bound[func[0]], 1)
        if found and found[0] in ("function", "class") and found[1] in (
                self.model.functions if found[0] == "function" else self.model.classes):
            return found[0], found[1]
        return "", ""

    def _gathered_jobs(self, main: str, details: dict[str, Any]) -> list["EntryPoint"]:
        """The serving coroutines a program's main gathers (`await asyncio.gather(prober.consume(stop),
        tls_expiry.run_forever(pool, stop))`), not only the first one `_serves` reaches: each keeps
        serving for the life of the process, a worker of its own, started in the main at the gather
        (so the jobs gathered together are siblings of one process)."""
        path = self.model.functions[main][0].path
        out: list["EntryPoint"] = []
        for edge in self.model.edges.get(main, ()):
            if edge.target.name not in _GATHERS or edge.site.used_as != "await":
                continue
            for value in edge.site.args:
                callee = self._callable(main, value) if isinstance(value, dict) and value.get("call") else ""
                if not callee or not self.model.functions[callee][1].is_async:
                    continue
                found = self._serves(callee)
                if found is None:
                    continue
                paced = self.loop_of(found["function"])
                more = {"loop": paced if paced.get("line") == found["line"] else found, "started_in": main}
                out.append(self._entry("worker", found["function"], "event-loop", (path, edge.site.line), {**details, **more}))
        return out

    def _hook_jobs(self, cls: str, loop: dict[str, Any], details: dict[str, Any],
                   started: tuple[str, int]) -> list["EntryPoint"]:
        """For the class a program starts (`main(TatStatsWorker)`), the hooks its base's serving loop
        calls on `self` (`await self.tick()`) that the class overrides: each round runs that subclass's
        hook, so it is the program's job, entered there with the base's loop (and its pause)."""
        base = loop["function"]
        if not cls or base not in self.model.functions:
            return []
        paced = self.loop_of(base)
        line, end = loop["line"], _loop_end(self.model.functions[base][1], loop["line"])
        out: list["EntryPoint"] = []
        for site in self.model.functions[base][1].calls:
            if site.func[:1] != ("self",) or len(site.func) != 2 or not line <= site.line <= end:
                continue
            hook = self.model.method_of(cls, site.func[1])
            if hook and hook != f"{base.rsplit('.', 1)[0]}.{site.func[1]}" and self.model.functions[hook][1].is_async:
                more = {"loop": paced if paced.get("line") == line else loop, "job": cls, "hook": (base, site.line)}
                out.append(self._entry("worker", hook, "event-loop", started, {**details, **more}))
        return out


def _passed_name(value: Any) -> tuple[str, ...]:
    """The runner's own name an argument passes on (`_main(body)` passes `body`), () for anything else."""
    ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
    return (ref,) if isinstance(ref, str) and "." not in ref else ()


def _loop_end(func: Any, line: int) -> int:
    """The last line of the loop starting at `line` (its own line when unknown)."""
    info = func.extra.get("loops", {}).get(line, {})
    return int(info.get("end", line))
