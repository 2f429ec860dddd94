"""RA881 asyncio-practice: `asyncio.run()` / `run_until_complete()` reached from a coroutine."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...knowledge.eventloops import ASYNCIO_RUNNERS
from ...model.app import is_offline_scope, offline_modules, runs_on_loop
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

MAX_RELATED = 40


@register
class NestedEventLoopRun(Rule):
    """`asyncio.run()` or `loop.run_until_complete()` reached while an event loop is running.

    What it finds:
        Calls of `asyncio.run(...)` or `.run_until_complete(...)` made in a coroutine, or
        in a synchronous helper that a coroutine calls directly (at any depth of plain
        calls). Calls after the function asks whether a loop runs (`asyncio.get_running_loop()`
        in a try, `loop.is_running()`) are its no-loop branch and are not reported. Helpers
        handed to a thread (`asyncio.to_thread`, `run_in_executor`, `executor.submit`) are not
        followed: a thread has no running loop, nor is a direct call of a helper its caller also
        hands to a thread (the inline fallback for a pool already shut down), nor are coroutines of tests (async tests that call `close()` on a
        mocked client). Projects that apply `nest_asyncio`
        are skipped. One finding per call, with the coroutines that reach it.

    Why it matters:
        A thread can run only one event loop at a time: the call raises
        `RuntimeError: asyncio.run() cannot be called from a running event loop` (or
        "This event loop is already running") every time that path runs, typically when
        sync code written for a script is reused from an async endpoint or worker.

    Example:
        def sync_prices(symbols):
            return asyncio.run(fetch_all(symbols))

        async def refresh(self):
            prices = sync_prices(self.symbols)  # RuntimeError

    Instead:
        async def refresh(self):
            prices = await fetch_all(self.symbols)
    """

    id = "RA881"
    name = "nested-event-loop-run"
    category = "asyncio-practice"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        if _uses_nest_asyncio(model):
            return
        seeds = _loop_starts(model)
        if not seeds:
            return
        chains = model.reach({fq: None for fq in seeds}, lambda edge: _plain_sync_call(model, edge))
        for fq in sorted(seeds):
            coroutines = sorted(c for c, chain in chains.items() if runs_on_loop(model, c)
                                and not is_offline_scope(model, c)
                                and (c == fq or (chain and _ends_at(chain, fq))))
            if coroutines:
                for edge in seeds[fq]:
                    yield self._finding(model, fq, edge, coroutines, chains)

    def _finding(self, model: "ProjectModel", fq: str, edge: "Edge", coroutines: list[str],
                 chains: dict[str, list["Edge"]]) -> Finding:
        facts, func = model.functions[fq]
        what = edge.site.name
        handlers = [c for c in coroutines if not model.functions[c][1].is_async]  # sync, run on the loop
        if func.is_async:
            description = (f"Coroutine `{func.qualname}` calls `{what}(...)` while its own event loop is running: "
                           "the call raises RuntimeError every time.")
        elif fq in handlers:
            description = (f"`{func.qualname}` is a sync handler its framework calls on the event loop, and it calls "
                           f"`{what}(...)` there: the loop is already running, so the call raises RuntimeError "
                           "every time.")
        else:
            shown = ", ".join(f"`{model.functions[c][1].qualname}`" for c in coroutines[:6])
            callers = plural(len(coroutines), "coroutine") if not handlers else \
                f"{plural(len(coroutines), 'sync handler')} its framework calls on the event loop" \
                if len(handlers) == len(coroutines) else \
                f"{plural(len(coroutines), 'function')} on the event loop, coroutines and sync handlers"
            description = (f"`{func.qualname}` calls `{what}(...)` and is called, through plain calls, from "
                           f"{callers} ({shown}): on that path it raises RuntimeError because the "
                           f"{'caller' if handlers else 'coroutine'}'s loop is already running.")
        related = []
        for c in coroutines:
            chain = chains.get(c) or []
            if chain:
                hop = chain[0]
                related.append(Location(model.functions[c][0].path, hop.site.line, hop.site.line,
                                        f"coroutine `{model.functions[c][1].qualname}` calls `{hop.site.name}`"))
        return self.finding(
            Location(facts.path, edge.site.line, edge.site.end_line),
            f"`{what}()` in `{func.qualname}` runs inside a running event loop", description,
            recommendation=_recommendation(func.qualname, func.name, func.is_async, what),
            related=related[:MAX_RELATED],
        )


def _loop_starts(model: "ProjectModel") -> dict[str, list["Edge"]]:
    """Per function, its calls that start an event loop where one may already run."""
    seeds: dict[str, list["Edge"]] = {}
    for fq, facts, func in model.iter_functions():
        if facts.module in offline_modules(model):
            continue
        for edge in model.edges.get(fq, ()):
            if _runs_loop(edge) and not edge.site.offloaded and not _checks_running_loop(func, edge.site.line):
                seeds.setdefault(fq, []).append(edge)
    return seeds


def _runs_loop(edge: "Edge") -> bool:
    """`asyncio.run(...)` or `loop.run_until_complete(...)`. The caller leaves out the calls facts mark
    offloaded: in a callable handed to an executor (`pool.submit(lambda: loop.run_until_complete(c))`,
    `run_in_executor`, `to_thread`), which runs in a worker thread where no loop is running."""
    site = edge.site
    if edge.target.kind == "external" and edge.target.name in ASYNCIO_RUNNERS:
        return True
    return bool(site.func) and site.func[-1] == "run_until_complete"


# calls that tell whether this thread already runs an event loop
_LOOP_PROBES = frozenset({"get_running_loop", "_get_running_loop", "is_running"})


def _checks_running_loop(func, line: int) -> bool:
    """`try: asyncio.get_running_loop() except RuntimeError: asyncio.run(...)`: the function asks
    whether a loop is running before it starts one, so it only starts one where none runs."""
    return any(site.func and site.func[-1] in _LOOP_PROBES and site.line < line for site in func.calls)


def _plain_sync_call(model: "ProjectModel", edge: "Edge") -> bool:
    """A direct call (not handed to a thread) of a synchronous function, unless the caller also
    hands that function to a thread (`future = pool.submit(run)`, and `run()` directly only when
    the pool is shut down): the function is written to run in a thread without a loop."""
    callee = model.callee_function(edge.target)
    return bool(callee) and not edge.site.offloaded and not model.functions[callee][1].is_async \
        and not any(e.site.offloaded and model.callee_function(e.target) == callee
                    for e in model.edges.get(edge.caller, ()))


def _ends_at(chain: list["Edge"], fq: str) -> bool:
    return chain[-1].target.name == fq or chain[-1].target.name + ".__init__" == fq


def _uses_nest_asyncio(model: "ProjectModel") -> bool:
    return any(imp.module.split(".")[0] == "nest_asyncio" for facts in model.modules.values()
               for imp in facts.imports)


def _recommendation(qualname: str, name: str, is_async: bool, what: str) -> str:
    if is_async:
        return (f"Await the coroutine instead of starting a loop:\n\n```python\n"
                f"result = await coroutine(...)  # instead of {what}(coroutine(...))\n```")
    return (f"Make `{qualname}` a coroutine and await it from the async callers (keep a thin sync wrapper with "
            f"`{what}` only for scripts), or run it in a thread with `await asyncio.to_thread({name}, ...)`:"
            f"\n\n```python\nasync def {name}_async(...):\n    return await coroutine(...)\n\n\n"
            f"def {name}(...):  # for scripts only\n    return asyncio.run({name}_async(...))\n```")
