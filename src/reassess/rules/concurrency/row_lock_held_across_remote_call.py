"""RA325 deadlock: a database row lock held while awaiting a call to another service."""
from __future__ import annotations

from typing import Iterator, NamedTuple

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.project import Edge
from ...model.resilience import analysis
from ..api import ProjectContext, Rule, register
from ._blocking import location, short
from ._entries import serving_coroutines
from ._text import call_source
from ._dbaccess import sql_text
from ._rowlocks import locking_lines, locks_for

_ENDS = frozenset({"commit", "rollback"})
_TRANSACTIONS = ("transaction", "begin", "begin_nested")


@register
class RowLockHeldAcrossRemoteCall(Rule):
    """A coroutine that locks a row (`SELECT ... FOR UPDATE`, `.with_for_update()`, or a
    repository method asked to lock) and, before its transaction ends, awaits a call to another
    service.

    What it finds:
        A locking read in a coroutine (directly, or through a project helper that locks, when the
        call passes the flag it locks under: `get(lesson_id, lock=True)`), then an awaited HTTP
        call (directly, or down the project functions it awaits) before the next commit or
        rollback, or before the end of the `async with conn.transaction():` / `session.begin()`
        block the lock is taken in. Cited at the awaited call, with the locking read and the
        end of the transaction as related locations. A raw-SQL `FOR UPDATE` outside a
        transaction block (autocommit: the lock ends with the statement) is not reported, nor a
        batch claimed with `SKIP LOCKED` (other workers skip those rows instead of waiting).

    Why it matters:
        The row stays locked, and a pooled connection stays checked out, for as long as the other
        service takes to answer (its timeout, or minutes when it hangs). Every request that
        touches the row waits on the database lock behind it; under load the waiters hold
        connections too, until the pool is exhausted and unrelated requests fail.

    Example:
        lesson = await self._lessons.get(lesson_id, lock=True)
        await self._calendar.reserve_slot(instructor.external_ref, lesson.starts_at)
        lesson.instructor_id = instructor_id
        await self._session.commit()

    Instead:
        Call the other service before taking the lock (or after committing), and keep the locked
        part to the read and the write; record the intent first when the call must follow:

            slot = await self._calendar.reserve_slot(instructor.external_ref, starts_at)
            lesson = await self._lessons.get(lesson_id, lock=True)
            lesson.instructor_id = instructor_id
            await self._session.commit()
    """

    id = "RA325"
    name = "row-lock-held-across-remote-call"
    category = "deadlock"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        remote = {(call.fq, call.site.line): call.operation for call in analysis(model).calls
                  if call.kind == "http-client" and call.site.used_as in ("await", "async-with")}
        if not remote:
            return
        operations: dict[str, str] = {}
        for (where, _line), op in remote.items():
            operations.setdefault(where, op)  # the function's first remote call names the operation
        chains: dict[str, list[Edge]] | None = None  # built for the first coroutine that locks a row
        examined = 0
        for fq, facts, func in serving_coroutines(ctx):
            held = _lock_held(model, fq, facts, func)
            if held is None:
                continue
            examined += 1
            if chains is None:
                chains = model.reach(dict.fromkeys(operations), lambda edge: edge.site.used_as == "await")
            hit = _remote_call(model, fq, held, remote, operations, chains)
            if hit is not None:
                yield self._finding(ctx, fq, facts.path, held, *hit)
        ctx.examine("row locks in coroutines", examined)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, held: "_Held", edge: Edge,
                 operation: str, chain: list[Edge]) -> Finding:
        model = ctx.model
        taken, released, explicit = held
        via = f" (through `{short(edge.target.name)}`)" if chain else ""
        ends = f"the transaction ends at line {released}" if explicit \
            else "the transaction stays open until the caller commits"
        description = (
            f"`{short(fq)}` locks a row at line {taken} and, with the lock still held ({ends}), awaits "
            f"`{operation}`{via} at line {edge.site.line}. The row stays locked, and the "
            "connection checked out, for as long as the other service takes: every request that touches the "
            "row waits on the database lock behind this call, holding a connection of its own, until the pool "
            "runs dry.")
        related = [Location(path, taken, taken, "row locked here")]
        if explicit:
            related.append(Location(path, released, released, "lock released here (end of the transaction)"))
        related += [location(model, e, f"calls `{short(e.target.name)}`") for e in chain[1:]]
        return self.finding(Location(path, edge.site.line, edge.site.end_line),
                            f"Row lock held across `{operation}` in `{short(fq)}`", description, related=related,
                            recommendation=_recommendation(model, path, held, edge))


def _recommendation(model, path: str, held: "_Held", edge: Edge) -> str:
    """Two short transactions around the call, quoted from this code: lock, write the intent and
    commit; call; record the outcome."""
    taken, released, _explicit = held
    ending = model.line_text(path, released).strip()
    if not any(f".{word}(" in ending for word in _ENDS):  # the end of a block, or the caller's commit
        ending = "await session.commit()"
    return ("Do not keep the row locked while the other service answers: make the call before taking the lock "
            "when its arguments allow, or split the work in two short transactions, marking the row first so "
            "that a concurrent request sees the operation in progress:\n\n"
            f"    {model.line_text(path, taken).strip()}\n"
            "    ...  # check the row, then mark it (status = \"in_progress\")\n"
            f"    {ending}  # the lock ends here\n"
            f"    result = await {call_source(model, edge)}  # no row locked\n"
            "    ...  # record the result in a second transaction (and clear the mark on failure)")


class _Held(NamedTuple):
    taken: int  # the line that locks the row
    released: int  # the line where the transaction ends (the function's last when the caller commits)
    explicit: bool  # the transaction ends here: a commit, a rollback or the end of its block


def _lock_held(model, fq: str, facts: ModuleFacts, func: FunctionFacts) -> _Held | None:
    """The coroutine's first row lock that lasts: an ORM lock (the session's transaction begins
    with it) or one taken inside a transaction block; None when it takes none."""
    direct = [(line, _orm_locks(func, line)) for line in locking_lines(facts, func, func.end_line + 1)
              if not _claims(facts, func, [line])]
    helped = [(e.site.line, _orm_locks(model.functions[callee][1])) for e in model.edges.get(fq, ())
              if e.site.awaited and (callee := model.callee_function(e.target)) and locks_for(model, callee, e.site)
              and not _claims_in(model, callee)]
    for line, orm in sorted(direct + helped):
        block = _transaction_block(func, line)
        if block is None and not orm:
            continue
        ends = [s.line for s in func.calls if s.func and s.func[-1] in _ENDS and s.line > line]
        end = min(ends, default=func.end_line)
        if block is not None:
            return _Held(line, min(end, block["end"]), True)
        return _Held(line, end, bool(ends))
    return None


def _claims_in(model, callee: str) -> bool:
    facts, func = model.functions[callee]
    return _claims(facts, func, locking_lines(facts, func, func.end_line + 1))


def _claims(facts: ModuleFacts, func: FunctionFacts, lines: list[int]) -> bool:
    """Every lock on `lines` skips rows other transactions hold (`with_for_update(skip_locked=True)`,
    `FOR UPDATE SKIP LOCKED`): a worker claiming a batch, which nobody else waits for."""
    return bool(lines) and all(any(s.line == line and (s.kwargs.get("skip_locked") is True
                                                       or "SKIP LOCKED" in sql_text(facts, func, s).upper())
                                   for s in func.calls) for line in lines)


def _orm_locks(func: FunctionFacts, line: int | None = None) -> bool:
    """The function locks with the ORM (`.with_for_update()`), on `line` when one is given: the
    session's transaction holds the lock until it commits."""
    return any(s.func and s.func[-1] == "with_for_update" and line in (None, s.line) for s in func.calls)


def _transaction_block(func: FunctionFacts, line: int) -> dict | None:
    """The innermost `async with conn.transaction():` / `session.begin():` around `line`."""
    blocks = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "with" and b["line"] <= line <= b["end"]
              and b.get("expr", "").rsplit(".", 1)[-1] in _TRANSACTIONS]
    return max(blocks, key=lambda w: w["line"]) if blocks else None


def _remote_call(model, fq: str, held: _Held, remote: dict[tuple[str, int], str], operations: dict[str, str],
                 chains: dict[str, list[Edge]]) -> tuple[Edge, str, list[Edge]] | None:
    """(the awaited call, the remote operation, the chain down to it) for the first call to another
    service awaited while the row is locked."""
    for edge in sorted(model.edges.get(fq, ()), key=lambda e: e.site.line):
        if not held.taken < edge.site.line < held.released or edge.site.used_as not in ("await", "async-with"):
            continue
        if (fq, edge.site.line) in remote:
            return edge, remote[(fq, edge.site.line)], []
        callee = model.callee_function(edge.target)
        if callee and callee in chains and edge.site.used_as == "await":
            chain = [edge, *chains[callee]]
            operation = operations.get(model.callee_function(chain[-1].target), "a remote call")
            return edge, operation, chain
    return None
