"""The shared state a background job changes, and which of it no lock or claim covers (RA504,
RA506): SQL and ORM writes, Redis writes, and what it sends out (POST/PATCH requests, emails) when
it sends data it read from the database."""
from __future__ import annotations

from ...facts.types import CallSite
from ...knowledge import clients as lib
from ...knowledge.queries import round_trip
from ...model.coredml import constructed_statements, executed_statements
from ...model.project import ProjectModel
from ...model.resilience import analysis, by_function
from ...model.resilience import blocks as blk
from ...model.resilience.calls import REMOTE_KINDS
from ...model.resilience.runtime import forward
from ._locks import claims_by_insert, claims_rows, constant_statements, lock_lines
from ._uncovered import outside


_WRITE_SQL = ("insert", "update", "delete", "merge", "upsert")


_REDIS_WRITES = frozenset({"set", "setex", "setnx", "hset", "hmset", "hsetnx", "incr", "incrby", "decr", "delete",
                           "expire", "lpush", "rpush", "sadd", "zadd", "xadd", "publish", "mset", "getdel"})


_SENDING_METHODS = frozenset({"post", "patch"})


_ORM_WRITES = frozenset({"commit", "add", "add_all", "merge", "bulk_save_objects", "bulk_insert_mappings"})


def sql_by_function(model: ProjectModel) -> dict[str, list[dict]]:
    """The app's SQL records by function (each worker asks about the functions it reaches); a
    statement kept in a module constant belongs to the functions that run it."""
    def build() -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        at = {(use["path"], use["line"]): use for use in model.app.sql if use["function"] not in model.functions}
        for use in model.app.sql:
            found.setdefault(use["function"], []).append(use)
        for fq, runs in constant_statements(model).items():
            found.setdefault(fq, []).extend({**at[where], "function": fq, "executed_by": {"line": line}}
                                            for line, _text, where in runs if where in at)
        return found
    return model.memo("sql_by_function", build)


def uncoordinated_writes(model: ProjectModel, reach: set[str]) -> list[tuple[str, int, str]]:
    """The writes no lock covers. A job is coordinated only where its writes run under a claim:
    in a function that takes a distributed lock (or elects a leader) or below it; a pure lock
    helper (`_try_leader()` that only claims), or one claiming a batch of rows with `SKIP LOCKED`
    (`claim_due()`), or one inserting a row under a unique key and reporting whether it won
    (`ON CONFLICT DO NOTHING RETURNING`), covers the code of the function calling it. A
    lock taken by one branch of the job (`grant_rewards` claims its season) leaves the other
    branches (`decay_inactive_mmr`) running in every process, with the helpers they share."""
    takers = {fq: lines for fq in sorted(reach) if (lines := lock_lines(model, fq))}
    inserts = [fq for fq in sorted(reach) if claims_by_insert(model, fq)]
    if not takers and not inserts:
        return shared_writes(model, reach)
    covering: set[str] = set(takers) | set(inserts)
    helpers = [fq for fq in sorted(takers) if _claims_only(model, fq, takers) or claims_rows(model, fq)]
    helpers += inserts
    tested = set(takers) | set(inserts)
    claimed_at: dict[str, int] = {}  # caller of a claim helper -> the line of its first claim
    while helpers:  # up from the lock takers: a caller doing nothing but claim is a helper too
        helper = helpers.pop()
        edges = [e for e in model.callers.get(helper, ()) if e.caller in reach
                 and not (helper in inserts and _ignores_outcome(model, e.caller, e.site))]
        callers = {e.caller for e in edges}
        for e in edges:
            claimed_at[e.caller] = min(claimed_at.get(e.caller, e.site.line), e.site.line)
        covering |= callers
        fresh = sorted(callers - tested)
        tested.update(fresh)
        helpers += [fq for fq in fresh if _claims_only(model, fq, takers)]
    before = _called_before_lock(model, takers) | _called_before_claim(model, claimed_at, covering)
    return shared_writes(model, outside(model, reach, covering, before))


def _called_before_claim(model: ProjectModel, claimed_at: dict[str, int], covering: set[str]) -> set[str]:
    """The project functions a claim helper's caller awaits on lines before its first claim (`for w in
    await repo.due_to_start(now): await service.start(w)`, then `for w in await repo.claim_due_to_end(now):
    ...`): they work on rows no claim took, in every process, like the work before a lock."""
    return {callee for fq, first in claimed_at.items() for e in model.edges.get(fq, ())
            if e.site.awaited and e.site.line < first
            and (callee := model.callee_function(e.target)) and callee not in covering}


def _called_before_lock(model: ProjectModel, takers: dict[str, frozenset[int]]) -> set[str]:
    """The project functions a lock taker awaits on lines before its first lock (`sent = await
    service.send_due()`, then `if await redis.set(key, "1", nx=True): ...`): they run in every
    process, whichever wins the lock after."""
    return {callee for fq, lines in takers.items() for e in model.edges.get(fq, ())
            if e.site.awaited and e.site.line < min(lines) and (callee := model.callee_function(e.target))}


def _ignores_outcome(model: ProjectModel, caller: str, site: CallSite) -> bool:
    """The caller of an insert-claim goes on whether or not its insert won: it drops the result
    (`await repo.insert_pending(...)`) or binds it and never tests it (`donation_id, _ = await
    repo.insert_pending(...)`, then charges anyway). Only a caller branching on the outcome does
    each key's work once."""
    if site.await_dropped or site.discarded:
        return True
    func = model.functions[caller][1]
    names = func.names_bound_on(site.line) | {name for name, bound in (func.extra.get("unpacked") or {}).items()
                                              if isinstance(bound, dict) and bound.get("line") == site.line}
    return bool(names) and not any(names & {*(b.get("names") or ()), *(b.get("absent") or ()),
                                            *(b.get("present") or ())} for b in blk.ifs(func))


def _claims_only(model: ProjectModel, fq: str, takers: dict[str, frozenset[int]]) -> bool:
    """`fq` and all it calls only claim (or read): a lease helper (`lease.ensure()` renewing or
    taking a `SET NX` key) whose caller does the round's work only when it won."""
    below = forward(model, [fq])
    claimed = {(model.functions[t][0].path, line) for t in below & takers.keys()
               for line in _lease_lines(model, t, takers[t])}
    return bool(claimed) and all((path, line) in claimed for path, line, _w in shared_writes(model, below))


def _lease_lines(model: ProjectModel, fq: str, lines: frozenset[int]) -> set[int]:
    """The claim lines of `fq` and those of its calls on the key a claim took (`redis.expire(key, ttl)`
    renewing the lease it holds, `redis.delete(key)` giving it up): those writes are the claim's own."""
    calls = model.functions[fq][1].calls
    keys = {str(site.args[0]["ref"]) for site in calls if site.line in lines and site.args
            and isinstance(site.args[0], dict) and site.args[0].get("ref")}
    return set(lines) | {site.line for site in calls if site.args and isinstance(site.args[0], dict)
                         and site.args[0].get("ref") in keys}


def shared_writes(model: ProjectModel, reach: set[str]) -> list[tuple[str, int, str]]:
    """(path, line, "what: detail") of the shared-state changes the worker makes."""
    out: set[tuple[str, int, str]] = set()
    by_function = sql_by_function(model)
    uses = [use for fq in reach for use in by_function.get(fq, ())]
    for use in uses:
        if use.get("operation") in _WRITE_SQL:
            line = (use.get("executed_by") or {}).get("line") or use["line"]
            out.add((use["path"], line, f"SQL {use['operation'].upper()}: {', '.join(use.get('tables') or [])}"))
    if queries_database(model, reach):  # it sends out shared data: every replica sends the same thing
        out.update(_outbound_writes(model, reach))
        out.update(_mail_sends(model, reach))
    for fq in reach:
        facts = model.functions[fq][0]
        for edge in model.edges.get(fq, ()):
            if edge.target.kind != "external" or not edge.site.func:
                continue
            owner, _, method = lib.canonical(edge.target.name).rpartition(".")
            if owner.startswith(("redis", "aioredis")) and method in _REDIS_WRITES:
                out.add((facts.path, edge.site.line, f"Redis {method.upper()}"))
            elif owner.startswith("sqlalchemy") and method in _ORM_WRITES:
                out.add((facts.path, edge.site.line, f"ORM {method}"))
        for line, built in executed_statements(model, fq).items():  # `session.execute(update(Parcel)...)`
            out.update((facts.path, line, _written(verb, table)) for verb, table in built.items() if verb != "select")
    return sorted(out)


def _written(verb: str, table: str) -> str:
    """"SQL DELETE: audit_events" when the statement's table is declared, "SQL DELETE" when not."""
    return f"SQL {verb.upper()}: {table}" if table else f"SQL {verb.upper()}"


def statement_verbs(model: ProjectModel, fq: str) -> dict[int, set[str]]:
    """{line: SQLAlchemy statement constructors called there} (`select`, `update`, ...) in `fq`,
    whether or not the line runs the statement."""
    built: dict[int, set[str]] = {}
    for line, verb, _table in constructed_statements(model, fq):
        built.setdefault(line, set()).add(verb)
    return built


def queries_database(model: ProjectModel, reach: set[str]) -> bool:
    for fq in reach:
        for edge in model.edges.get(fq, ()):
            if edge.target.kind == "external":
                trip = round_trip(edge.target.name)
                if trip is not None and trip.kind in ("sql", "orm"):
                    return True
    return False


def _outbound_writes(model: ProjectModel, reach: set[str]) -> set[tuple[str, int, str]]:
    """Non-idempotent requests (POST, PATCH) to remote services made by the reached functions."""
    calls = model.memo("worker_in_every_replica.remote_calls", lambda: by_function(
        [c for c in analysis(model).calls if c.kind in REMOTE_KINDS and c.method in _SENDING_METHODS]))
    return {(c.path, c.site.line, f"HTTP {c.method.upper()} to {c.dependency}")
            for fq in reach | _closures_of(model, reach) for c in calls.get(fq, ())}


def _closures_of(model: ProjectModel, reach: set[str]) -> set[str]:
    """The functions nested in reached ones (`async def _once(): await http.post(...)` handed to a
    retry helper inside `send`): they run as part of the function defining them."""
    return {inner for fq in reach for inner in model.nested_in(fq)}


def _mail_sends(model: ProjectModel, reach: set[str]) -> set[tuple[str, int, str]]:
    """Emails the reached functions send (`smtp.send_message(msg)`): each replica mails the same people."""
    return {(model.functions[fq][0].path, edge.site.line, "email sent") for fq in reach
            for edge in model.edges.get(fq, ()) if edge.target.kind == "external"
            and lib.canonical(edge.target.name) in lib.MAIL_SENDS}
