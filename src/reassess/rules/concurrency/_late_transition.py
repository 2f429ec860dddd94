"""A state checked on an unlocked row, then work done, and the state moved only afterwards by
a conditional UPDATE whose result nobody looks at (`if claim.status != "approved": raise`,
the payout sent, then `update(Claim).where(..., Claim.status == "approved")`): the UPDATE
would refuse the second request, but only after both have done the work; or by a project helper
handed the row that sets the state without testing it (a lock it takes comes too late)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterator

from ...facts.types import CallSite, FunctionFacts
from ._calls import bound_local
from ._dbaccess import Access, Summary
from ._limit_then_update import compared_columns

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

_QUIET = frozenset({"commit", "flush", "close", "rollback", "refresh"})


def late_transition(func: FunctionFacts, read: Access, summary: Summary, text: Callable[[int], str],
                    locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, update line) when an exiting `if` compares a column of the
    row the read binds for a state, awaited work follows, and only then an UPDATE of the same
    table that tests that column in its WHERE runs with its outcome discarded."""
    row = bound_local(func, read.line, read.call)
    updates = summary.updates
    if not row or not updates:
        return None
    reads = {r.line for r in summary.reads}
    bound = {v.get("line") for v in func.local_types.values() if isinstance(v, dict)}
    tested = {b["line"] for b in func.extra.get("blocks", ()) if b.get("kind") == "if"}
    for block, chain, column in state_checks(func, row, read.line, lambda line, chain: _state(text(line), chain)):
        for update in updates:
            if update.table != read.table or update.line <= block["end"] or column.lower() not in update.where \
                    or update.line in bound or update.line in tested or _kept(func, update) \
                    or locked(func, read.line, update.line):
                continue
            work = _work(func, block["end"], update.line, reads)
            if work:
                store = {"target": chain, "line": update.line, "kind": "statement", "call": update.call,
                         "at": update.at, "late": work[0]}
                return row, block["line"], store, update.line
    return None


def transition_in_helper(model: "ProjectModel", fq: str, func: FunctionFacts, read: Access,
                         text: Callable[[int], str],
                         locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, call line) when an exiting `if` compares a column of the
    unlocked row for a state, awaited work follows, and only then a project helper handed the row
    sets that column without testing it (`_record(payout)` loading `stored = await
    repo.get_locked(payout.id)` and assigning `stored.status`): a lock taken there comes after both
    requests have passed the stale check and done the work."""
    row = bound_local(func, read.line, read.call)
    if not row:
        return None
    for block, chain, column in state_checks(func, row, read.line, lambda line, chain: _state(text(line), chain)):
        for edge in model.edges.get(fq, ()):
            site = edge.site
            if site.line <= block["end"] or not site.awaited or locked(func, read.line, site.line):
                continue
            at = _set_by_helper(model, edge, row, column)
            work = _work(func, block["end"], site.line) if at else []
            if work:
                store = {"target": chain, "line": site.line, "kind": "statement", "call": site.name, "at": at,
                         "late": work[0], "helper": True}
                return row, block["line"], store, site.line
    return None


def limit_in_helper(model: "ProjectModel", fq: str, func: FunctionFacts, read: Access, text: Callable[[int], str],
                    locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, call line) when an exiting `if` orders a column of the unlocked
    row against a limit (`if driver.balance_cents < amount: raise`) and a project helper handed the
    row then sets that column to a value computed from the one read (`set_balance(driver,
    driver.balance_cents - amount)`): the limit is checked on, and the result computed from, a
    value another request may have changed meanwhile."""
    row = bound_local(func, read.line, read.call)
    for block in func.extra.get("blocks", ()) if row else ():
        if block.get("kind") != "if" or block["line"] <= read.line or not block.get("exits") \
                or row not in block.get("names", ()):
            continue
        for column in compared_columns(text(block["line"]), row):
            hit = _stepping_helper(model, fq, row, column, block["end"], text)
            if hit is not None and not locked(func, read.line, hit[0].line):
                site, at = hit
                store = {"target": f"{row}.{column}", "line": site.line, "kind": "statement", "call": site.name,
                         "at": at, "helper": True}
                return row, block["line"], store, site.line
    return None


def _stepping_helper(model: "ProjectModel", fq: str, row: str, column: str, after: int,
                     text: Callable[[int], str]) -> tuple[CallSite, tuple[str, int]] | None:
    """(call site, store) of an awaited project helper after line `after` given `row` and a value
    stepped from `row.column` (`driver.balance_cents - amount`) that it assigns to that column."""
    chain = rf"{re.escape(row)}\.{re.escape(column)}"
    stepped = re.compile(rf"\b{chain}\s*[-+]|[-+]\s*{chain}\b")
    for edge in model.edges.get(fq, ()):
        site = edge.site
        source = " ".join(text(line) for line in range(site.line, site.end_line + 1))
        if site.line > after and site.awaited and stepped.search(source):
            at = _set_by_helper(model, edge, row, column)
            if at is not None:
                return site, at
    return None


def _work(func: FunctionFacts, start: int, end: int, reads: "set[int] | frozenset[int]" = frozenset()) -> list:
    """The awaited work strictly between two lines (not the session's own housekeeping, nor the
    reads at `reads`, nor calls on a path that turns back before `end`)."""
    return [s for s in func.calls if start < s.line < end and s.awaited and s.func and s.func[-1] not in _QUIET
            and s.used_as != "async-with" and s.line not in reads and not _turned_back(func, s.line, end)]


def _set_by_helper(model: "ProjectModel", edge: "Edge", row: str, column: str) -> tuple[str, int] | None:
    """(path, line) of the store in the called project function that assigns `column` of the row it
    is handed, or of that row loaded again by its key, with no `if` of the helper testing it."""
    callee = model.callee_function(edge.target)
    if not callee or callee not in model.functions:
        return None
    facts, helper = model.functions[callee]
    params = [p.name for p in helper.params if p.name not in ("self", "cls")]
    given = {name for name, value in (*zip(params, edge.site.args), *edge.site.kwargs.items())
             if isinstance(value, dict) and str(value.get("ref", "")).split(".", 1)[0] == row}
    line = _untested_store(helper, column, given) if given else 0
    return (facts.path, line) if line else None


def _untested_store(helper: FunctionFacts, column: str, given: set[str]) -> int:
    """The line of a store of `column` on a parameter in `given` or on a row loaded with one
    (`stored = await repo.get_locked(payout.id)`) that no `if` of the helper tests; 0 when none."""
    tested = {c for b in helper.extra.get("blocks", ()) if b.get("kind") == "if" for c in b.get("chains", ())}
    for store in helper.extra.get("stores", ()):
        local, _, attr = store["target"].rpartition(".")
        if store["kind"] != "set" or attr != column or "." in local or f"{local}.{column}" in tested:
            continue
        if local in given or _loaded_by_key(helper, local, store["line"], given):
            return store["line"]
    return 0


def _loaded_by_key(helper: FunctionFacts, local: str, before: int, given: set[str]) -> bool:
    """`local` is bound before line `before` to a call handed the row (or its key) directly
    (`get_locked(payout.id)`), not to a new object built from it (`add(Delivery(rx_id=rx.id))`)."""
    bound = helper.local_types.get(local)
    if not isinstance(bound, dict) or "call" not in bound or not 0 < bound.get("line", 0) < before:
        return False
    call = bound["call"] or "()."  # a method called on a result (`Repo(session).get_locked(...)`)
    return any(s.line == bound["line"] and s.name.startswith(call) and any(
        isinstance(v, dict) and str(v.get("ref", "")).split(".", 1)[0] in given
        for v in (*s.args, *s.kwargs.values())) for s in helper.calls)


def _kept(func: FunctionFacts, update: Access) -> bool:
    """The call that runs the UPDATE hands its result on (`return await save(row)`): the caller
    sees whether the conditional UPDATE matched, so its outcome is not discarded."""
    sites = [s for s in func.calls if s.line == update.line and s.name == update.call]
    return bool(sites) and not any(s.discarded or s.await_dropped for s in sites)


def _turned_back(func: FunctionFacts, line: int, update: int) -> bool:
    """`line` lies in an exiting `if` that closes before the UPDATE (`if over_limit: await
    audit(...); raise ...`): that work runs only on a path that never reaches the UPDATE."""
    return any(b.get("kind") == "if" and b.get("exits") and b["line"] < line <= b["end"] < update
               for b in func.extra.get("blocks", ()))


def state_checks(func: FunctionFacts, row: str, after: int,
                 compares: Callable[[int, str], bool]) -> Iterator[tuple[dict, str, str]]:
    """(the `if` block, `row.column`, column) for every exiting `if` after line `after` whose test
    reads a column of the local `row` that `compares(if line, chain)` finds compared for a state."""
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "if" or block["line"] <= after or not block.get("exits"):
            continue
        for chain in block.get("chains", ()):
            column = chain.partition(".")[2]
            if chain.startswith(row + ".") and "." not in column and compares(block["line"], chain):
                yield block, chain, column


def _state(line: str, chain: str) -> bool:
    return re.search(rf"\b{re.escape(chain)}\s*(?:not\s+in|in|==|!=)\s", line) is not None
