"""Worker programs: a coroutine run as the body of a process of its own (`asyncio.run(main())`
at module level or in a console script), entered at the loop that keeps it serving, and the jobs
such a program picks from a registry by name (`WORKERS[args.job](ctx)`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..knowledge.eventloops import runs_loop
from .app import served_edges
from .handed_programs import HandedPrograms
from .programs import called_methods, program_functions, registry_jobs, run_method
from .worker_loops import endless_loop, under_deadline

if TYPE_CHECKING:
    from .app import EntryPoint
    from .origins import Origins
    from .project import Edge, ProjectModel

# what an `async for` in a process's main consumes when it serves: a broker consumer, a pub/sub
# subscription, a watch or an event stream (not the rows of one query or the pages of one export)
_CONSUMES = re.compile(r"(?i)consum|subscri|listen|messages|watch|events|iterator|receive|queue")


class ScriptMains(HandedPrograms):
    """Part of `WorkerFinder`: the mains of script processes and the jobs they run."""

    model: ProjectModel
    origins: Origins
    startup: set[str]

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
        out: list[EntryPoint] = []
        imported = self.model.called_at_import()
        for scope, edges in served_edges(self.model):
            if not self._runs_as_process(scope, imported):
                continue
            for edge in edges:
                out += self._script_main(scope, edge)
                if _runs_loop(edge):
                    out += self._handed_mains(scope, edge, imported)
        return out

    def _runs_as_process(self, scope: str, imported: Any) -> bool:
        """Code that runs as a process's body: module level, or a sync function that only
        module-level code or nobody in the project calls (not a coroutine, not a called helper)."""
        function = self.model.functions.get(scope)
        if function is None:
            return True
        return not (function[1].is_async or scope not in imported and self.model.callers.get(scope))

    def _script_main(self, scope: str, edge: Edge) -> list[EntryPoint]:
        """The entries of one `asyncio.run(main())`: the registry jobs of the program, then the
        coroutine holding its serving loop (none for a one-shot command)."""
        if not _runs_loop(edge) or not edge.site.args:
            return []
        target = self._callable(scope, edge.site.args[0])
        found = self.model.functions.get(target)
        if found is None and scope in self.model.functions:  # `asyncio.run(JOBS[args.job](settings))`
            facts, _ = self.origins.scope_facts(scope)
            details = {"starter": edge.site.name, "started_in": scope, "at_startup": False,
                       "kept_reference": True, "task_name": "", "background_tasks": False, "script": True,
                       "main": scope}
            return self._program_jobs(scope, details, (facts.path, edge.site.line))
        if found is None or not found[1].is_async or target in self.startup:
            return []
        facts, _ = self.origins.scope_facts(scope)
        return self._program_entries(target, scope, edge.site.name, (facts.path, edge.site.line))

    def _program_entries(self, target: str, scope: str, starter: str, started: tuple[str, int],
                         cls: str = "") -> list["EntryPoint"]:
        """The entries of a program whose coroutine is `target`, started at `started` from `scope`:
        its registry and branch jobs, the coroutine holding its serving loop (or the hooks of `cls`
        that loop runs) and the other serving coroutines it gathers."""
        loop = self._serves(target)
        if loop is not None:  # the same loop with its pause, for rules asking about cadence
            paced = self.loop_of(loop["function"])
            loop = paced if paced.get("line") == loop["line"] else loop
        details = {"starter": starter, "started_in": scope, "at_startup": False,
                   "kept_reference": True, "task_name": "", "background_tasks": False,
                   "loop": loop, "script": True, "main": target}
        out = self._program_jobs(target, details, started)  # first: kept by dedupe
        out += self._branch_jobs(target, details, started)
        if loop is not None:
            gathered = self._gathered_jobs(target, details)
            if not any(e.function == loop["function"] for e in gathered):
                out += self._hook_jobs(cls, loop, details, started) or \
                    [self._entry("worker", loop["function"], "event-loop", started, details)]
            out += gathered
        return out

    def _program_jobs(self, main: str, details: dict[str, Any], started: tuple[str, int]) -> list["EntryPoint"]:
        """The jobs a worker program picks from a registry by name (`WORKERS[args.job](ctx)`): each is
        a worker of the program, entered at what it runs (the function, or the method the program
        calls on the object) when that keeps serving; a job that runs once and returns is no worker."""
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

    def _branch_jobs(self, main: str, details: dict[str, Any], started: tuple[str, int]) -> list["EntryPoint"]:
        """The jobs a worker program picks by an if/elif chain on one name (`if job == "consumer":
        await consume(ctx)` / `elif job == "review": await review.run(ctx)`): each branch is a job of
        its own, a worker of the program when what the branch awaits keeps serving, not only the
        first serving loop `_serves` reaches through the main."""
        bodies = _dispatch_branches(self.model.functions[main][1])
        out: list["EntryPoint"] = []
        for edge in self.model.edges.get(main, ()) if bodies else ():
            callee = self.model.callee_function(edge.target) if edge.site.used_as == "await" else ""
            if not callee or edge.target.kind != "function" or not self.model.functions[callee][1].is_async \
                    or not any(start < edge.site.line <= end for start, end in bodies):
                continue
            loop = self._serves(callee)
            if loop is not None:
                paced = self.loop_of(loop["function"])  # the same loop with its pause, as for registry jobs
                more = {"loop": paced if paced.get("line") == loop["line"] else loop, "program": main, "job": callee,
                        "lookup": (main, edge.site.line), "registry": f"branch at line {edge.site.line} of {main}"}
                out.append(self._entry("worker", loop["function"], "event-loop", started, {**details, **more}))
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


def _serving_loop(fq: str, facts: Any, func: Any) -> dict[str, Any] | None:
    """The loop of `func` itself that only a stop ends (see `WorkerFinder._serves`), or None."""
    def loop(line: int, forever: bool, **more: Any) -> dict[str, Any]:
        return {"function": fq, "path": facts.path, "line": line, "forever": forever, "sleep": "", "sleep_line": 0,
                **more}

    for block in func.extra.get("blocks", ()):  # a `for` loop's block always ends on success
        if block.get("kind") == "loop" and not block.get("ends_on_success") and not under_deadline(func, block["line"]):
            return loop(block["line"], bool(block.get("forever")))
    for line, info in sorted(func.extra.get("loops", {}).items()):
        if info.get("kind") == "for" and endless_loop(info):  # `for _ in itertools.count():`
            return loop(line, True)
    site = next((s for s in func.calls if s.used_as == "async-for" and _CONSUMES.search(s.name)), None)
    return loop(site.line, False, stream=site.name) if site is not None else None


def _dispatch_branches(func: Any) -> list[tuple[int, int]]:
    """(test line, end) of the bodies of each `if`/`elif` chain of two or more branches testing the
    same names (`if job == "a": ... elif job == "b": ...`): a dispatch picking one job to run."""
    ifs = {b["line"]: b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and b.get("names")}
    bodies: list[tuple[int, int]] = []
    for block in ifs.values():
        nxt = ifs.get(block.get("else_line"))
        if nxt is not None and nxt["names"] == block["names"]:
            bodies += [(b["line"], b["end"]) for b in (block, nxt) if (b["line"], b["end"]) not in bodies]
    return bodies


def _runs_loop(edge: "Edge") -> bool:
    """A call that runs a coroutine to completion on a new event loop (`asyncio.run(main())`)."""
    return runs_loop(edge.target.name, edge.site.func or ())
