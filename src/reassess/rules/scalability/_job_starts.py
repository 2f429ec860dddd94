"""Where a background job is started and whether its process runs in several copies (RA504, RA506):
the startup call that starts it, a configuration test it is started under, and the worker
programs (`asyncio.run(main())`) the project runs as a scaled deployment."""
from __future__ import annotations

from ...model.app import EntryPoint, scope_facts
from ...model.constants import CONFIG_ROOT
from ...model.passed import function_ref
from ...model.project import Edge, ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import forward, short, startup_functions
from ._locks import leader_guarded, lock_lines


_RUNS = frozenset({"asyncio.run", "anyio.run", "trio.run", "uvloop.run"})


def replicated_process(model: ProjectModel, entry: EntryPoint) -> bool:
    """The job is started by a worker process's main (`asyncio.run(main())`) that also starts jobs
    taking a distributed lock: the project runs that process in several copies, so a sibling job
    with no lock runs in each of them."""
    if entry.details.get("program"):
        return _program_in_copies(model, entry)
    started_in = entry.details.get("started_in", "")
    main = started_in if _process_main(model, started_in) else \
        entry.function if started_in not in model.functions and _process_main(model, entry.function) else ""
    if not main:
        return False
    siblings = [e for e in model.app.of_kind("worker") if e.details.get("started_in") == started_in
                and e.function != entry.function]
    if any(_locks_in_reach(model, e.function) for e in siblings):
        return True
    return any(_locks_in_reach(model, e.function) for e in _package_programs(model, main)
               if e.function != entry.function)


def _locks_in_reach(model: ProjectModel, fq: str) -> bool:
    """`fq` or a function it reaches takes a distributed lock. Asked of every sibling job of every job
    a worker program starts, so each job's reach is walked once per run."""
    cache = model.memo("scalability.locks_in_reach", dict)
    if fq not in cache:
        cache[fq] = any(lock_lines(model, reached) for reached in forward(model, [fq]))
    return cache[fq]


def _package_programs(model: ProjectModel, main: str) -> list[EntryPoint]:
    """The jobs of the worker programs kept beside `main` in its package (`python -m app.workers.x`
    for each x): one of them locking its rounds shows the project deploys these
    programs in several copies, so a job of theirs with no lock (or locking only part of its
    round) runs in each copy."""
    package = main.rsplit(".", 2)[0]
    out = []
    for e in model.app.of_kind("worker"):
        started_in = e.details.get("started_in", "")
        own = started_in if started_in in model.functions else e.function
        if own.rsplit(".", 2)[0] == package and _process_main(model, own):
            out.append(e)
    return out


def _program_in_copies(model: ProjectModel, entry: EntryPoint) -> bool:
    """A job a worker program picks from its registry by name (`python -m app.workers reminders`): a
    deployment of that program is scaled like any worker, so each copy runs the job, unless the
    program runs it only after winning a distributed lock (leader election before the lookup)."""
    scope, line = entry.details.get("lookup") or ("", 0)
    return scope not in model.functions or not leader_guarded(model, scope, line)


def runs_in_copies(model: ProjectModel, main: str) -> bool:
    """`main` is a worker process's program starting a job that takes a distributed lock: the
    project runs that process in several copies."""
    return _process_main(model, main) and any(
        _locks_in_reach(model, e.function) for e in model.app.of_kind("worker") if e.details.get("started_in") == main)


def _process_main(model: ProjectModel, fq: str) -> bool:
    """`fq` is what a module runs as its program: `asyncio.run(main())` at module level, or the
    callable the module's main hands to a project runner starting the event loop."""
    module = fq.rsplit(".", 1)[0] if fq in model.functions else ""
    edges = model.module_edges.get(module, ())
    runs = {e.site.line for e in edges if e.target.name in _RUNS}
    return any(e.site.line in runs and model.callee_function(e.target) == fq for e in edges) or \
        _run_by_runner(model, fq, module)


def _run_by_runner(model: ProjectModel, fq: str, module: str) -> bool:
    """`fq` is handed, by name or in a lambda (`run_until_signalled(lambda stop: _main(kind, stop))`),
    to a project function that runs an event loop (`asyncio.run(...)`), from module level or from a
    function the module calls at module level (`if __name__ == "__main__": main()`)."""
    top = model.module_edges.get(module, ())
    scopes = [top] + [model.edges.get(c, ()) for c in {model.callee_function(e.target) for e in top}
                      if c and c.rsplit(".", 1)[0] == module]
    for edges in scopes:
        for edge in edges:
            runner = model.callee_function(edge.target)
            if runner and any(e.target.name in _RUNS for e in model.edges.get(runner, ())) and \
                    any(_hands(model, edges, edge, value, fq) for value in (*edge.site.args, *edge.site.kwargs.values())):
                return True
    return False


def _hands(model: ProjectModel, edges, edge: Edge, value: object, fq: str) -> bool:
    """The argument `value` of the call `edge` stands for `fq`: a lambda calling it (a call on the
    lambda's line right of it) or a plain reference naming it."""
    if isinstance(value, dict) and "lambda" in value:
        return any(other is not edge and other.site.line == value["lambda"] and other.site.col > value.get("col", -1)
                   and model.callee_function(other.target) == fq for other in edges)
    if edge.caller in model.functions:
        return function_ref(model, edge.caller, value) == fq
    return _module_level_ref(model, edge.caller, value, fq)


def _module_level_ref(model: ProjectModel, module: str, value: object, fq: str) -> bool:
    """A name handed at module level (`run_program("settlement", main)` under `__main__`, or
    `main(TatStatsWorker)`) stands for `fq`: the function itself, or the class whose method it is."""
    if not (isinstance(value, dict) and set(value) == {"ref"} and isinstance(value["ref"], str)):
        return False
    facts, func = scope_facts(model, module)
    found = model.resolver.type_of_value(facts, func, value, 1)
    return bool(found) and (found[1] == fq or found[0] == "class" and fq.rsplit(".", 1)[0] == found[1])


def startup_call(model: ProjectModel, entry: EntryPoint) -> tuple[str, int] | None:
    """Where the app calls the object's own starter (`scheduler.start()` in the lifespan, when
    `DunningScheduler.start()` runs `create_task(self._loop())`): the line that makes every process
    run the job. None when the task is created anywhere else (the startup code itself, a helper
    that starts several jobs: there the `create_task` line names the job)."""
    call = _starter_call(model, entry)
    return call[1:] if call else None


def _starter_call(model: ProjectModel, entry: EntryPoint) -> tuple[str, str, int] | None:
    """(caller, path, line) of the call to the object's own starter, as `startup_call` finds it."""
    started_in = entry.details.get("started_in", "")
    owner = entry.function.rsplit(".", 1)[0]
    if not started_in or started_in.rsplit(".", 1)[0] != owner or owner not in model.classes:
        return None
    startup = startup_functions(model)
    edges = sorted(model.callers.get(started_in, ()), key=lambda e: (e.caller not in startup, e.site.line))
    return (edges[0].caller, model.site_path(edges[0]), edges[0].site.line) if edges else None


def startup_site(model: ProjectModel, entry: EntryPoint) -> tuple[str, str, int] | None:
    """(function, path, line) of the startup code's line that starts the job: the object's starter
    call, or the line creating the task."""
    call = _starter_call(model, entry)
    if call:
        return call
    started_in = entry.details.get("started_in", "")
    if started_in in model.functions and entry.started_at:
        return started_in, entry.started_at[0], entry.started_at[1]
    return None


def config_gate(model: ProjectModel, entry: EntryPoint) -> tuple[dict, str, int] | None:
    """(block, path, line) of the `if` on configuration around the startup line of the job
    (`if settings.run_scheduler:`): only the nodes configured so start it. None when nothing gates it."""
    site = startup_site(model, entry)
    if site is None:
        return None
    scope, path, line = site
    for block in blk.blocks(model.functions[scope][1], "if"):
        if block["line"] < line <= block.get("end", 0) and \
                (any(CONFIG_ROOT.search(chain.split(".")[0]) for chain in block.get("chains", ())) or
                 any("environ" in call or "getenv" in call for call in block.get("calls", ()))):
            return None if _on_by_default(model, scope, block) else (block, path, block["line"])
    return None


def _on_by_default(model: ProjectModel, scope: str, block: dict) -> bool:
    """The `if` only tests switches the settings class declares `True` (`run_workers: bool = True`,
    tested `if settings.run_workers:`): every replica starts the job unless its deployment turns it
    off, so the switch picks no node; the job is judged as one every process runs."""
    facts, func = model.functions[scope]
    tested = block.get("chains", ())
    if not tested or block.get("calls") or set(tested) != set(block.get("present", ())):
        return False
    for chain in tested:
        root, _, attr = chain.rpartition(".")
        owner = model.resolver.type_of_chain(facts, func, tuple(root.split("."))) if root else None
        if owner is None or owner[0] != "instance" or owner[1] not in model.classes or \
                model.classes[owner[1]][1].class_attrs.get(attr) is not True:
            return False
    return True


def scheduler_starts(model: ProjectModel) -> list[tuple[str, int, str]]:
    """(path, line, starter) of `scheduler.start()` calls on an APScheduler scheduler in startup code
    (the lifespan or a helper it calls), leaving out those run only after winning a lock."""
    out = []
    for fq in sorted(forward(model, sorted(startup_functions(model)))):
        for edge in model.edges.get(fq, ()):
            name = edge.target.name
            if edge.target.kind == "external" and name.startswith("apscheduler.") and name.endswith(".start"):
                if not leader_guarded(model, fq, edge.site.line):  # a leader's scheduler runs once
                    out.append((model.functions[fq][0].path, edge.site.line, short(fq)))
    return out
