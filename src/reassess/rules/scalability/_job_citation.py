"""Where a job running in every process is cited (RA504): inside it, where each copy duplicates the
work: the claim that is no claim, the batch every copy picks alike, or the round's one work call."""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from ...facts.types import CallSite
from ...facts.values import value_refs
from ...findings import Location
from ...knowledge.queues import ATOMIC_TAKES, SPLIT_TAKE_READS, SPLIT_TAKE_REMOVES
from ...model.app import EntryPoint
from ...model.coredml import executed_statements
from ...model.project import Edge, ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import forward, short
from ._locks import claims_rows, lock_lines
from ._shared_writes import queries_database, shared_writes, sql_by_function, statement_verbs, uncoordinated_writes


def cited_in_job(model: ProjectModel, entry: EntryPoint) -> tuple[Location, list[Location]]:
    """(cited line, the job's other sites). Cited inside the job, where every process duplicates the
    work. A claim that selects rows and then marks them taken with no row lock (`SELECT ... WHERE
    status = 'pending'`, then `UPDATE ... SET status = 'running'`) is cited at its SELECT: every
    process picks the same rows there before any marks them. Else the read that picks the batch the
    job then changes or sends (`due = await repo.due(now)` followed by `for r in due: ...
    mark_sent(r)`, handed on: `await send_all(due)`, or mapped: `gather(*(charge(p) for p in due))`),
    at the query itself when the job is a consumer pausing only on an empty batch; else the round's
    one work call, else the job itself."""
    sites = _job_sites(model, entry)
    picked = _unlocked_claim(model, entry) or _picked_batch(model, entry) or _marked_batch(model, entry)
    query = _batch_query(model, entry, picked) if picked is not None else None
    if query is not None and _polled(model, entry, picked):
        sites, picked = [picked, *sites], query
    elif query is not None:  # a timed job: the lock goes around the round, the query is where a claim would go
        sites.append(query)
    if picked is not None:
        return picked, [s for s in sites if (s.path, s.start_line) != (picked.path, picked.start_line)]
    rounds = [s for s in sites if s.note == _ROUND_WORK]
    chosen = rounds[0] if len(rounds) == 1 else sites[0]
    return Location(chosen.path, chosen.start_line, chosen.end_line), [s for s in sites if s is not chosen]


_BATCH_DEPTH = 2  # the loop's function, its round, the per-item step of the round


def _job_functions(model: ProjectModel, entry: EntryPoint) -> list[str]:
    """The job's function and the function running its loop (a loop helper's, `every(60, job)`): where
    the searches for its batch start."""
    loop_function = (entry.details.get("loop") or {}).get("function")
    return sorted({fq for fq in (entry.function, loop_function) if fq in model.functions})


def _awaited_levels(model: ProjectModel, roots: list[str], modules: set[str] | None = None) -> Iterator[list[str]]:
    """`roots`, then the project functions they await not seen before, down to `_BATCH_DEPTH` calls (only
    those of `modules` when given): one level at a time, so the three batch searches look at the same
    functions in the same order."""
    level, seen = roots, set(roots)
    for depth in range(_BATCH_DEPTH + 1):
        yield level
        if depth < _BATCH_DEPTH:
            level = sorted({c for fq in level for c in _awaited_callees(model, fq)
                            if c not in seen and (modules is None or model.functions[c][0].module in modules)})
            seen.update(level)


def _run_at(model: ProjectModel, fq: str, use: dict, note: str) -> Location:
    """Where a statement runs: its own line, or for one kept in a module constant (`_CLAIM_SQL`) the
    line of `fq` executing it (`await pg.fetch(_CLAIM_SQL, n)`), as the writes are cited."""
    facts, func = model.functions[fq]
    line = (use.get("executed_by") or {}).get("line")
    inside = use["path"] == facts.path and func.line <= use["line"] <= func.end_line
    if line and not inside:  # the text sits in a constant elsewhere: cite the line running it
        return Location(facts.path, line, line, note)
    return Location(use["path"], use["line"], use["line"], note)


def _polled(model: ProjectModel, entry: EntryPoint, picked: Location) -> bool:
    """The job is a table-polling consumer that pauses only after a round finds nothing (`rows =
    await outbox.pending()`, then `if not rows: await asyncio.sleep(5); continue`). Such a consumer
    is meant to run in as many copies as the load needs, so the fix is a claim in its query (`FOR
    UPDATE SKIP LOCKED`), not a lock around the round: the finding sits on the query, the worker's
    read is kept beside it. A job pausing every round is timed, coordinated by a lock per round."""
    loop = entry.details.get("loop") or {}
    fq, pause = loop.get("function", ""), loop.get("sleep_line", 0)
    if fq not in model.functions or not pause:
        return False
    facts, func = model.functions[fq]
    if facts.path != picked.path:
        return False
    names = func.names_bound_on(picked.start_line)
    return any(blk.inside(b, pause) and b["line"] > picked.start_line and names & set(b.get("absent") or ())
               for b in blk.blocks(func, "if"))


def _batch_query(model: ProjectModel, entry: EntryPoint, picked: Location) -> Location | None:
    """The one SELECT of the read-only project function the job awaits at `picked` to pick its batch
    (`due = await repo.due_deliveries(now, 500)`): where each copy selects the same rows."""
    scopes = [fq for level in _awaited_levels(model, _job_functions(model, entry)) for fq in level]
    callee = next((c for fq in scopes for c, site in awaited_sites(model, fq)
                   if site.line == picked.start_line and model.functions[fq][0].path == picked.path), "")
    take = split_take(model, callee) if callee else None
    if take is not None:
        path = model.functions[callee][0].path
        return Location(path, take.line, take.end_line, "each copy reads the same items: they are removed only later")
    if not callee or not _only_reads(model, callee):
        return None
    note = "each copy selects the same rows: the query claims none"
    callee_path = model.functions[callee][0].path
    found = [_run_at(model, callee, use, note) for use in sql_by_function(model).get(callee, ())
             if use.get("operation") == "select"]
    found += [Location(callee_path, line, line, note) for line, verbs in statement_verbs(model, callee).items()
              if verbs == {"select"}]
    return found[0] if len({(loc.path, loc.start_line) for loc in found}) == 1 else None


def _unlocked_claim(model: ProjectModel, entry: EntryPoint) -> Location | None:
    """The SELECT of a project function the job awaits (up to `_BATCH_DEPTH` calls down) that then
    UPDATEs the same table with no `FOR UPDATE SKIP LOCKED` or advisory lock: a claim that is no claim."""
    for level in _awaited_levels(model, _job_functions(model, entry)):
        for fq in level:
            found = _select_then_update(model, fq)
            if found is not None:
                return found
    return None


def _select_then_update(model: ProjectModel, fq: str) -> Location | None:
    """The first SELECT of `fq` whose table a later UPDATE of `fq` changes, when nothing in `fq`
    locks or claims rows."""
    uses = sql_by_function(model).get(fq, ())
    if not uses or claims_rows(model, fq) or lock_lines(model, fq):
        return None
    for use in uses:
        tables = set(use.get("tables") or ())
        if use.get("operation") == "select" and tables and any(
                other.get("operation") == "update" and other["line"] > use["line"]
                and tables & set(other.get("tables") or ()) for other in uses):
            return _run_at(model, fq, use, "each process selects the same rows to claim")
    return None


def _picked_batch(model: ProjectModel, entry: EntryPoint) -> Location | None:
    """The innermost read, in the job's own module, whose rows a `for` loop then walks doing shared
    writes: the batch every process selects alike. Reads in services the job calls stay theirs."""
    roots = _job_functions(model, entry)
    modules = {model.functions[fq][0].module for fq in roots}  # a loop helper's (`every(60, job)`) too
    found = None
    for level in _awaited_levels(model, roots, modules):
        for fq in level:
            found = batch_read(model, fq) or found
    return found


def _marked_batch(model: ProjectModel, entry: EntryPoint) -> Location | None:
    """A read, in a service the job's round awaits, picking a batch the same function later marks handled in
    the table it read (`due = await repo.list_due(now)`, then `await repo.mark_sent(ids)` updating
    `reminders`): a due-then-mark queue, whose claim (`FOR UPDATE SKIP LOCKED`) belongs in that read.
    A service reading one table to write others (tenants read, invoices made) keeps its round's call."""
    levels = list(islice(_awaited_levels(model, _job_functions(model, entry)), 2))  # two levels: no deeper walk
    for fq in levels[1] if len(levels) > 1 else ():  # the service the round awaits, not a per-item step of it
        found = batch_read(model, fq)
        if found is not None and _marks_what_it_read(model, fq, found.start_line):
            return found
    return None


def _marks_what_it_read(model: ProjectModel, fq: str, line: int) -> bool:
    """A later call of `fq` to the same repository updates (or deletes from) a table the read on `line` selects."""
    sites = awaited_sites(model, fq)
    readers = [c for c, site in sites if site.line == line]
    if any(claims_rows(model, c) or lock_lines(model, c) for c in readers):
        return False  # `claim_due()` selects with SKIP LOCKED: each copy gets rows of its own
    read = set().union(*(_tables(model, c, {"select"}) for c in readers))
    owners = {c.rpartition(".")[0] for c in readers}  # the repository handing out the batch marks it done
    return bool(read) and any(site.line > line and c.rpartition(".")[0] in owners
                              and read & _tables(model, c, {"update", "delete"}) for c, site in sites)


def _tables(model: ProjectModel, fq: str, kinds: set[str]) -> set[str]:
    """The tables (raw SQL) or mapped classes (`update(Reminder)`) `fq`'s statements of `kinds` name."""
    out = {t for use in sql_by_function(model).get(fq, ()) if use.get("operation") in kinds
           for t in use.get("tables") or ()}
    for chain in model.functions[fq][1].extra.get("orm_chains") or ():
        if chain.get("root", "").rpartition(".")[2] in kinds:
            out.update(name.split(".")[0] for name in chain.get("entities") or ())
    return out


def batch_read(model: ProjectModel, fq: str) -> Location | None:
    """`rows = await repo.pending()` in `fq`, walked by a `for` whose body reaches a shared write, or
    handed to a later call that does (`await send_all(rows)`, `await repo.mark_sent([r.id for r in rows])`).
    A read of a whole table (`select(Site)` with no filter) picks no batch a claim could split: the
    work each copy repeats is cited instead, at the call doing it for each row (or handed the rows)."""
    facts, func = model.functions[fq]
    loops = [(line, info) for line, info in func.extra.get("loops", {}).items() if info.get("kind") == "for"
             and isinstance(info.get("iter"), dict) and ("ref" in info["iter"] or "call" in info["iter"])]
    selects = {use["line"] for use in sql_by_function(model).get(fq, ()) if use.get("operation") == "select"}
    selects |= {line for line, built in executed_statements(model, fq).items() if set(built) == {"select"}}
    for edge in model.edges.get(fq, ()):
        if not edge.site.awaited or not _reads_rows(model, edge, selects):
            continue
        names = {name for name, _v in func.bound_on(edge.site.line)}
        listing = _lists_table(model, edge)
        # also walked straight off the call: a listing (`for s in await repo.all():`), or a project read
        # handed what picks the batch (`for w in await repo.due(now):`)
        direct = listing or bool(edge.site.args or edge.site.kwargs) and model.callee_function(edge.target) \
            in model.functions
        walks = [(line, info) for line, info in loops if (info["iter"].get("ref") in names and line > edge.site.line
                 or direct and "call" in info["iter"] and line == edge.site.line)]
        written = [(line, info) for line, info in walks if _writes_between(model, fq, line, info["end"])
                   or _changed_then_saved(model, fq, line, info["end"])]
        handed = _handed_to_writer(model, fq, edge.site.line, names)
        if not (written or handed or _mapped_to_writer(model, fq, edge.site.line, names)):
            continue
        work = _work_on_rows(model, fq, edge, written, handed) if listing else None
        return work or Location(facts.path, edge.site.line, edge.site.end_line, "each process selects the same rows")
    return None


def _lists_table(model: ProjectModel, edge: Edge) -> bool:
    """The read is a project function listing a whole table: its queries filter nothing (`select(Site)
    .order_by(Site.code)`, `SELECT id, code FROM sites`)."""
    callee = model.callee_function(edge.target)
    if callee not in model.functions:
        return False
    chains = model.functions[callee][1].extra.get("orm_chains") or ()
    texts = [use.get("text") or "" for use in sql_by_function(model).get(callee, ())]
    if not chains and not texts:
        return False
    return not any(set(chain.get("methods") or ()) & _FILTERS for chain in chains) and \
        not any(re.search(r"(?i)\bwhere\b", text) for text in texts)


_FILTERS = frozenset({"where", "filter", "filter_by", "join", "having"})


def _work_on_rows(model: ProjectModel, fq: str, read: Edge, written: list[tuple[int, dict]], handed: bool
                  ) -> Location | None:
    """The awaited project call doing the work on the listed rows: the first in the loop walking them
    that reaches a shared write, or the later call they are handed to (`await service.refresh(session,
    sites)`)."""
    path = model.functions[fq][0].path
    spans = [(line, info["end"]) for line, info in written]
    later = [] if spans or not handed else [(read.site.line + 1, model.functions[fq][1].end_line)]
    for edge in sorted(model.edges.get(fq, ()), key=lambda e: e.site.line):
        callee = model.callee_function(edge.target)
        if edge is read or not edge.site.awaited or callee not in model.functions \
                or not any(start <= edge.site.line <= end for start, end in spans + later):
            continue
        if shared_writes(model, forward(model, [callee])):
            return Location(path, edge.site.line, edge.site.end_line, "each process does this work for every row")
    return None


def _changed_then_saved(model: ProjectModel, fq: str, start: int, end: int) -> bool:
    """The loop on lines start..end changes each row through a project call that does more than read
    (`await repo.mark_sent(r.id)` setting ORM attributes) and `fq` writes them out after the loop
    (`await session.commit()`): the loop's changes are the writes."""
    changes = any(start <= e.site.line <= end and e.site.awaited and (c := model.callee_function(e.target))
                  in model.functions and not _only_reads(model, c) for e in model.edges.get(fq, ()))
    return changes and any(end < w[1] for w in shared_writes(model, {fq}))


def _handed_to_writer(model: ProjectModel, fq: str, after: int, names: set[str]) -> bool:
    """A later awaited call of `fq` hands the rows (`names`, also inside a comprehension over them)
    to a project function that does more than read (`await send_all(rows)`, `await
    repo.mark_sent([r.id for r in rows])`), and `fq` changes shared state after the read."""
    handed = any(edge.site.line > after and edge.site.awaited and (callee := model.callee_function(edge.target))
                 in model.functions and not _only_reads(model, callee)
                 and any(_mentions(arg, names) for arg in (*edge.site.args, *edge.site.kwargs.values()))
                 for edge in model.edges.get(fq, ()))
    return bool(names) and handed and _writes_between(model, fq, after + 1, model.functions[fq][1].end_line)


def _mapped_to_writer(model: ProjectModel, fq: str, after: int, names: set[str]) -> bool:
    """A later call of `fq` made once per row in a comprehension over the rows (`await
    asyncio.gather(*(charge(p) for p in due))`) to a project function reaching a shared write."""
    return bool(names) and any(
        edge.site.line > after and edge.site.loop_iter.split(".", 1)[0] in names
        and (callee := model.callee_function(edge.target)) in model.functions
        and shared_writes(model, forward(model, [callee])) for edge in model.edges.get(fq, ()))


def _mentions(value: object, names: set[str]) -> bool:
    """The argument value refers to one of `names` (`rows`, `rows.items`, `[r.id for r in rows]`)."""
    return any(ref.split(".", 1)[0] in names for ref in value_refs(value))


def _reads_rows(model: ProjectModel, edge: Edge, selects: set[int]) -> bool:
    """The call only reads: a project function whose SQL selects, or a library call on one of
    `selects`, the caller's SELECT lines (`rows = await conn.fetch("SELECT ...")`)."""
    callee = model.callee_function(edge.target)
    return callee in model.functions and (_only_reads(model, callee) or split_take(model, callee) is not None
                                          or _reads_through(model, callee)) or \
        edge.target.kind == "external" and edge.site.line in selects


def _reads_through(model: ProjectModel, fq: str) -> bool:
    """`fq` is a service method handing the read to a repository (`due()` returning `await
    self._domains.list_expiring(horizon)`): no query of its own, one awaited read-only query, and
    nothing it reaches changes shared state."""
    if sql_by_function(model).get(fq) or statement_verbs(model, fq):
        return False
    callees = _awaited_callees(model, fq)
    return len(callees) == 1 and _only_reads(model, next(iter(callees))) and \
        not shared_writes(model, forward(model, [fq]))


def split_take(model: ProjectModel, fq: str) -> CallSite | None:
    """The LRANGE of a function taking items off a Redis list in two commands (`items = await
    redis.lrange(key, 0, n - 1)`, then `await redis.ltrim(key, len(items), -1)`), with no atomic pop:
    every copy reading between the two takes the same items."""
    redis = [e.site for e in model.edges.get(fq, ()) if e.target.kind == "external" and e.site.func
             and e.target.name.startswith(_REDIS)]
    verbs = {site.func[-1] for site in redis}
    if verbs & ATOMIC_TAKES or not verbs & SPLIT_TAKE_REMOVES:
        return None
    return next((site for site in redis if site.func[-1] in SPLIT_TAKE_READS), None)


_REDIS = ("redis", "aioredis", "coredis")


def _writes_between(model: ProjectModel, fq: str, start: int, end: int) -> bool:
    """A call on lines start..end of `fq` reaches a write of shared state."""
    callees = sorted({c for e in model.edges.get(fq, ()) if start <= e.site.line <= end
                      and (c := model.callee_function(e.target)) in model.functions})
    own = [w for w in shared_writes(model, {fq}) if start <= w[1] <= end]
    return bool(own) or any(shared_writes(model, forward(model, [c])) for c in callees)


_ROUND_WORK = "each round's work starts here"


def _job_sites(model: ProjectModel, entry: EntryPoint) -> list[Location]:
    """Where the job's work is: its round's work when it loops itself, else its definition (a loop
    helper or scheduler runs it: `every(60, job)`), and the reads a round starts from."""
    loop = entry.details.get("loop") or {}
    out = [Location(entry.path, entry.line, entry.line, f"the job `{short(entry.function)}`")]
    if loop.get("function") == entry.function:
        out += _round_work(model, loop)
    elif loop:
        out += _job_work(model, entry.function)
    return out + _unclaimed_reads(model, entry.function)


def _job_work(model: ProjectModel, fq: str) -> list[Location]:
    """A job a loop helper runs (`every(60, job)`, a scheduler's `_every(job)`) is one round: when
    its body hands the work to one awaited project call, which reaches shared writes (`await
    PlagiarismService(session).poll_pending()`), that call is where the round's work starts; in a
    job that takes a lock for a later step only, the one call before the lock."""
    if fq not in model.functions:
        return []
    work = awaited_sites(model, fq)
    if locks := lock_lines(model, fq):  # a job locking only a later step: its work is what runs before
        work = [(c, site) for c, site in work if site.line < min(locks)]
    if len({site.line for _c, site in work}) != 1 or not shared_writes(model, forward(model, [work[0][0]])):
        return []  # a job doing several steps itself is its own round's work
    facts, site = model.functions[fq][0], work[0][1]
    return [Location(facts.path, site.line, site.end_line, _ROUND_WORK)]


def _awaited_callees(model: ProjectModel, fq: str) -> set[str]:
    """The project functions `fq` awaits."""
    return {c for c, _site in awaited_sites(model, fq)}


def awaited_sites(model: ProjectModel, fq: str) -> list[tuple[str, CallSite]]:
    """(callee, call site) of each project function `fq` awaits."""
    return [(c, e.site) for e in model.edges.get(fq, ()) if e.site.awaited
            and (c := model.callee_function(e.target)) in model.functions]


def _unclaimed_reads(model: ProjectModel, fq: str) -> list[Location]:
    """The awaited calls, in the job or a project function it awaits, whose SQL only reads
    (`bills = await repo.not_emailed()`): the batch every process selects alike, with no claim."""
    scopes = [fq] + sorted(_awaited_callees(model, fq) - {fq})
    out = []
    for scope in scopes:
        for edge in model.edges.get(scope, ()):
            callee = model.callee_function(edge.target)
            if edge.site.awaited and callee in model.functions and _only_reads(model, callee):
                path = model.functions[scope][0].path
                out.append(Location(path, edge.site.line, edge.site.line, "each process selects the same rows"))
    return out[:2]


def _only_reads(model: ProjectModel, fq: str) -> bool:
    """`fq` queries the database itself and changes nothing shared (a repository's select)."""
    uses = sql_by_function(model).get(fq, ())
    if uses:
        return all(use.get("operation") == "select" for use in uses)
    built = set().union(*statement_verbs(model, fq).values())
    return built == {"select"} and queries_database(model, {fq}) and not shared_writes(model, {fq})


def _round_work(model: ProjectModel, loop: dict) -> list[Location]:
    """The awaited project calls inside the loop (`await self.run_once(today)`): where each round's
    work starts, the place a lock per round would go."""
    fq = loop.get("function", "")
    if fq not in model.functions:
        return []
    facts, func = model.functions[fq]
    block = next((b for b in blk.blocks(func, "loop") if b["line"] == loop.get("line")), None)
    if block is None:
        return []
    calls = [e for e in model.edges.get(fq, ()) if e.site.awaited and blk.inside(block, e.site.line)
             and e.site.line not in (block["line"], loop.get("sleep_line")) and model.callee_function(e.target)]
    # of several calls, the work is in those changing shared state with no claim or lock (not a log of
    # what was skipped, nor a step that claims its rows with `SKIP LOCKED` or runs under a leader lock)
    writing = [e for e in calls if uncoordinated_writes(model, forward(model, [model.callee_function(e.target)]))]
    return [Location(facts.path, e.site.line, e.site.end_line, _ROUND_WORK)
            for e in (writing if len(calls) > 1 and writing else calls)][:2]


def first_work(model: ProjectModel, fq: str) -> Location | None:
    """The first awaited project call of `fq` that reaches a shared write: where its work starts."""
    facts = model.functions[fq][0]
    for edge in sorted(model.edges.get(fq, ()), key=lambda e: e.site.line):
        callee = model.callee_function(edge.target)
        if edge.site.awaited and callee in model.functions and shared_writes(model, forward(model, [callee])):
            return Location(facts.path, edge.site.line, edge.site.end_line)
    return None
