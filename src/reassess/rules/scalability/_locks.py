"""Where a function takes a distributed lock, elects a leader or claims rows no other process
holds: what makes work safe to run in every process (RA504, RA503)."""
from __future__ import annotations

import re

from ...facts.types import CallSite
from ...model.project import ProjectModel

_COORDINATION_SQL = re.compile(r"pg_(try_)?advisory(_xact)?_lock|skip\s+locked", re.I)
_SKIP_LOCKED = re.compile(r"skip\s+locked", re.I)
_INSERT_CLAIM = re.compile(r"\bon\s+conflict\b.*\bdo\s+nothing\b.*\breturning\b", re.I | re.S)
# locks that serialise threads or tasks of one process (`threading.Lock()` in a timer): not a claim
_PROCESS_LOCAL = ("asyncio.", "threading.", "multiprocessing.", "anyio.", "trio.")
_COORDINATION_CALL = re.compile(r"(^|\.)(lock|acquire_lock|try_lock|redlock|leader|elect|advisory|singleton)", re.I)


def lock_lines(model: ProjectModel, fq: str) -> frozenset[int]:
    """Lines where `fq` claims a distributed lock or leadership (empty when it takes none);
    asked of every function a job or a writer reaches, so found once per function per run."""
    cache = model.memo("scalability.lock_lines", dict)
    if fq not in cache:
        cache[fq] = frozenset(_lock_lines(model, fq))
    return cache[fq]


def _lock_lines(model: ProjectModel, fq: str) -> set[int]:
    locking = model.memo("scalability.locking_sql", lambda: _locking_sql(model))
    lines = set(locking.get(fq, ()))
    for site in model.functions[fq][1].calls:
        if _locking_statement(site) or _skip_locked_claim(site):
            lines.add(site.line)  # `conn.fetchval("SELECT pg_try_advisory_lock($1)", KEY)`: too short for SQL text
    for edge in model.edges.get(fq, ()):
        if _COORDINATION_CALL.search(edge.site.func[-1] if edge.site.func else ""):
            if edge.target.kind == "external" and not edge.target.name.startswith(_PROCESS_LOCAL) \
                    or _untyped_redis_lock(edge):
                lines.add(edge.site.line)
        if edge.site.func and (edge.site.func[-1] == "set" and edge.site.kwargs.get("nx") is True
                               or edge.site.func[-1] == "setnx" and edge.target.kind == "external"):
            lines.add(edge.site.line)  # a claim: `SET key v NX`, or the older SETNX
    return lines


_REDIS_LOCK_ARGS = frozenset({"timeout", "blocking_timeout", "sleep", "thread_local"})


def _untyped_redis_lock(edge) -> bool:
    """`redis.lock(name, timeout=ttl, blocking_timeout=0)` on a client whose type is not known (a helper's
    untyped `redis` parameter): redis-py's lock, known by its expiry arguments or the client's name."""
    site = edge.site
    return edge.target.kind == "unresolved" and len(site.func) >= 2 and site.func[-1] == "lock" and \
        (bool(_REDIS_LOCK_ARGS & set(site.kwargs)) or "redis" in site.func[-2].lower())


def leader_guarded(model: ProjectModel, fq: str, line: int, depth: int = 3) -> bool:
    """Line `line` of `fq` runs only in the process that won a distributed lock: `fq` claims one
    on an earlier line (`SELECT pg_try_advisory_lock(...)` before `scheduler.start()`), or every
    caller of `fq` did before its call (leader election in the startup code above)."""
    if any(taken < line for taken in lock_lines(model, fq)):
        return True
    callers = [e for e in model.callers.get(fq, ()) if e.caller in model.functions]
    return depth > 0 and bool(callers) and all(leader_guarded(model, e.caller, e.site.line, depth - 1)
                                               for e in callers)


def claims_rows(model: ProjectModel, fq: str) -> bool:
    """`fq` claims rows with `FOR UPDATE SKIP LOCKED` (a batch no other process gets): what its
    caller then does with the batch runs once per row, however many processes poll."""
    return any(_SKIP_LOCKED.search(text) for text in _sql_texts(model, fq))


def claims_by_insert(model: ProjectModel, fq: str) -> bool:
    """`fq` inserts a row under a unique key and says whether it won (`INSERT ... ON CONFLICT DO
    NOTHING RETURNING id`, or the ORM's `.on_conflict_do_nothing().returning(...)`): the caller
    acting on a won insert does each key's work once, however many processes run the job."""
    if any(_INSERT_CLAIM.search(text) for text in _sql_texts(model, fq)):
        return True
    tails = {site.func[-1] for site in model.functions[fq][1].calls if site.func}
    return {"on_conflict_do_nothing", "returning"} <= tails


def _sql_texts(model: ProjectModel, fq: str) -> list[str]:
    """The SQL `fq` runs, written in its calls or named by a constant it executes; indexed by function
    once per run (the claim checks ask it for each caller of each job)."""
    def build() -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for use in model.app.sql:
            index.setdefault(use["function"], []).append(use.get("text", ""))
        for function, runs in constant_statements(model).items():
            index.setdefault(function, []).extend(text for _line, text, _at in runs)
        return index
    return model.memo("scalability.sql_texts", build).get(fq, [])


def _locking_sql(model: ProjectModel) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for use in model.app.sql:
        if _COORDINATION_SQL.search(use.get("text", "")):
            found.setdefault(use["function"], []).append((use.get("executed_by") or {}).get("line") or use["line"])
    # `CLAIM_SQL = """... FOR UPDATE SKIP LOCKED"""` run as `await db.fetch(CLAIM_SQL, 200)`
    for fq, runs in constant_statements(model).items():
        lines = [line for line, text, _at in runs if _COORDINATION_SQL.search(text)]
        if lines:
            found.setdefault(fq, []).extend(lines)
    return found


def constant_statements(model: ProjectModel) -> dict[str, list[tuple[int, str, tuple[str, int]]]]:
    """{function: [(line, text, (path, line) of the constant)]} of the module string constants a function
    passes as a call's first argument (`await conn.execute(DECAY_SQL, days)`): statements kept apart
    from the code that runs them."""
    def build() -> dict[str, list[tuple[int, str, tuple[str, int]]]]:
        texts = {a.name: (a.value, (facts.path, a.line)) for facts in model.modules.values()
                 for a in facts.assigns.values() if isinstance(a.value, str) and len(a.value) > 12}
        texts.update(_wrapped_statements(model))
        found: dict[str, list[tuple[int, str, tuple[str, int]]]] = {}
        for fq, (facts, func) in model.functions.items():
            for site in func.calls:
                name = _passed(site)
                if name in texts and (name in facts.assigns or name in model.bindings.get(facts.module, {})):
                    found.setdefault(fq, []).append((site.line, *texts[name]))
        return found
    return model.memo("scalability.constant_statements", build)


def _wrapped_statements(model: ProjectModel) -> dict[str, tuple[str, tuple[str, int]]]:
    """`CLAIM_SQL = text("UPDATE ... FOR UPDATE SKIP LOCKED")`: a module constant whose value
    wraps the SQL the module holds in those lines (SQLAlchemy's `text()`), by the constant's name."""
    by_module: dict[str, list[dict]] = {}
    for use in model.app.sql:
        if use["function"] in model.modules:
            by_module.setdefault(use["function"], []).append(use)
    found = {}
    for module, uses in by_module.items():
        facts = model.modules[module]
        for a in facts.assigns.values():
            if isinstance(a.value, dict) and a.value.get("call") and a.end_line:
                inside = [u for u in uses if a.line <= u["line"] <= a.end_line]
                if len(inside) == 1:
                    found[a.name] = (inside[0].get("text", ""), (inside[0]["path"], inside[0]["line"]))
    return found


def _passed(site: CallSite) -> str:
    """The constant named by the call's first argument, "" when it is anything else."""
    arg = site.args[0] if site.args else None
    return arg.get("ref", "") if isinstance(arg, dict) and isinstance(arg.get("ref"), str) else ""


def _skip_locked_claim(site: CallSite) -> bool:
    """`select(...).with_for_update(skip_locked=True)` (SQLAlchemy) or Django's
    `select_for_update(skip_locked=True)`: each process claims rows no other process holds."""
    return bool(site.func) and site.func[-1] in ("with_for_update", "select_for_update") and \
        site.kwargs.get("skip_locked") is True


def _locking_statement(site: CallSite) -> bool:
    return any(isinstance(arg, str) and _COORDINATION_SQL.search(arg) for arg in site.args[:1])
