"""Module state that is per process by design, and state only run-time coroutines write.

RA501 asks whether a module-level value diverges between processes in a way that matters. These
answers leave state out or word it apart: a latch or tally a process keeps of its own work, a
snapshot each process refreshes whole from the shared source, the record of a leader election it
won, a memo cache of values any process computes again; and the coroutines nothing in the project
starts (a worker run from outside) that still write the state at run time.
"""
from __future__ import annotations

import re

from ...facts.readthrough import ACTS
from ...knowledge.clocks import CLOCKS
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience.runtime import startup_functions
from ...model.resilience.state import ModuleState
from ...model.resilience.triggers import REQUEST_KINDS
from ._locks import lock_lines


_CONSTANT = r"(?:True|False|-?\d+)"


def is_latch(model: ProjectModel, state: ModuleState) -> bool:
    """A module flag or counter (`_notice_shown = False`, `_adds = 0`) that its writers only set to
    constants or count up (`= True`, `+= 1`, `+= added`) and no function of the module returns
    (not read back into an answer): a per-process latch or tally, true of one process by design."""
    if state.kind != "global" or not re.match(rf"^\s*{re.escape(state.name)}\s*(:[^=]*)?=\s*{_CONSTANT}\s*(#.*)?$",
                                               model.line_text(state.facts.path, state.assign.line)):
        return False
    written = re.compile(rf"^\s*{re.escape(state.name)}\s*(\+=\s*\S.*|=\s*{_CONSTANT}\s*(#.*)?)$")
    for fq in state.writers():
        facts, func = model.functions[fq]
        lines = {s["line"] for s in func.extra.get("stores", ()) if s["target"] == state.name}
        lines.update(func.extra.get("global_lines", {}).get(state.name, ()))
        if not lines or not all(written.match(model.line_text(facts.path, line)) for line in lines):
            return False
    return not any(_mentions(model.functions[fq][1].returns_values, state.name)
                   for fq in model.functions_under(f"{state.module}."))


def refreshed_snapshot(model: ProjectModel, state: ModuleState, reached: list) -> bool:
    """A scheduled job or background task, taking no arguments, that rebinds the global to a value it
    has just built (`_providers = providers` after fetching the list): each process refreshes its own read-only
    snapshot of data kept elsewhere, replacing it whole, so no request's write is lost and the
    copies differ only until the next refresh. A value built from the old one (`_seen = _seen + 1`)
    or data of the call is state, and a request that rebinds it is reported."""
    if state.kind not in ("global", "container") or any(entry.kind in REQUEST_KINDS for entry, _chain in reached):
        return False
    if not state.writes or any(w.how != "`global` rebinding" or w.per_call for w in state.writes):
        return False
    for fq in set(state.writers()):
        func = model.functions[fq][1]
        if any(p.name not in ("self", "cls") for p in func.params):
            return False  # the caller chooses what is bound (`set_backend("void")`): a decision, not a copy
        value = func.local_types.get(state.name)  # what the function binds the global to
        if value is None or _mentions(value, state.name) or _own_record(func, value) or \
                any(s["target"] == state.name for s in func.extra.get("stores", ())):  # `+=`, items
            return False
    return True


def _own_record(func, value: object) -> bool:
    """The value records this process's own work, not a copy of data kept elsewhere: a clock reading
    (`_last_run_at = datetime.now()`) or the result of a call that acts (`removed = await
    client.delete(key)`; `_last_swept = removed`), directly or through a local."""
    if isinstance(value, dict) and isinstance(value.get("ref"), str):
        value = func.local_types.get(value["ref"])
    call = value.get("call") if isinstance(value, dict) else None
    if not isinstance(call, str) or not call:
        return False
    last = call.rsplit(".", 1)[-1]
    return last in CLOCKS or last.lstrip("_").split("_", 1)[0] in ACTS


def _mentions(value: object, name: str) -> bool:
    """The stored value reads `name` (a reference anywhere in its description)."""
    if isinstance(value, dict):
        return value.get("ref") == name or any(_mentions(v, name) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_mentions(v, name) for v in value)
    return value == name


def claim_record(model: ProjectModel, state: ModuleState) -> bool:
    """`_is_leader = True` in the function that has just won `pg_try_advisory_lock`, the session
    holding the lock kept beside it, `False` again at shutdown: a module's record of what this
    process claimed in a leader election. It is per process by design; the lock is what the
    processes share. (Data the lock holder writes, `_last_run_at = now()`, is still state.)"""
    writers = state.writers()
    return state.kind == "global" and all(fq.startswith(f"{state.module}.") for fq in writers) and \
        any(lock_lines(model, fq) for fq in writers) and all(_claim_value(model, fq, state.name) for fq in writers)


def memo_cache(state: ModuleState) -> bool:
    """A dict filled only after a missed lookup (`if key not in _ADAPTERS: _ADAPTERS[key] = build(key)`),
    perhaps with entries evicted: a cache of values any process computes again, so each process
    keeping its own copy loses nothing (RA227 asks whether it is bounded)."""
    return state.kind in ("container", "object") and any(w.fill for w in state.writes) and \
        all(w.fill or w.how in _EVICTIONS for w in state.writes)


_EVICTIONS = frozenset({"`del` of an item", "`pop()`", "`popitem()`", "`clear()`"})


def _claim_value(model: ProjectModel, fq: str, name: str) -> bool:
    """What `fq` rebinds `name` to is a flag (`True`, `None`), or the lock's own result or the
    connection it was taken on (`_lock_session = session` after `session.execute(LOCK_SQL)`)."""
    func = model.functions[fq][1]
    value = func.local_types.get(name)
    if value is None or isinstance(value, bool):
        return True
    claimed = lock_lines(model, fq)
    ref = value.get("ref") if isinstance(value, dict) else None
    bound = func.local_types.get(ref) if isinstance(ref, str) else value
    return isinstance(bound, dict) and bound.get("line") in claimed or \
        any(site.func and site.func[0] == ref and any(site.line <= c <= site.end_line for c in claimed)
            for site in func.calls)


def unlaunched_coroutines(model: ProjectModel, state: ModuleState) -> list[str]:
    """The outermost callers of the state's writers when all of them are module-level coroutines nothing in the
    project calls (nor startup code, nor module-level code): worker code started from outside,
    which runs only while the service runs. Empty when anything else reaches the writers."""
    writers = state.writers()
    called_at_import = model.called_at_import("function")
    if called_at_import.intersection(writers):
        return []
    chains = model.reach({fq: None for fq in writers}, _runs_it_now)
    if startup_functions(model).intersection(chains):
        return []
    roots = sorted(fq for fq in chains if not any(_runs_it_now(e) for e in model.callers.get(fq, ())))
    if not roots or any(is_test_path(model.functions[fq][0].path) or not model.functions[fq][1].is_async
                        or _dispatched(model, fq) for fq in roots):
        return []
    return roots


def _runs_it_now(edge) -> bool:
    """The caller runs the callee before it goes on: a call, or a callback handed to an awaited call
    (`await run_in_threadpool(load)`). A callback handed on otherwise (`every(10.0, svc.flush)`,
    `tasks.start(name, worker.run)`) runs later, on a schedule, at run time."""
    site = edge.site
    return site.awaited or bool(site.func) and site.func[-1] == edge.target.name.rsplit(".", 1)[-1]


def _dispatched(model: ProjectModel, fq: str) -> bool:
    """A method of a class with bases may be called through its base (a hook, an interface),
    which the call graph does not see; a method of a plain service class has no such caller."""
    facts, func = model.functions[fq]
    if not func.class_name:
        return False
    entry = model.classes.get(f"{facts.module}.{func.class_name}")
    return entry is None or "." in func.class_name or any(b not in ("object", "") for b in entry[1].bases)
