"""A state checked on an unlocked row, then work done, and the state moved only afterwards by
a conditional UPDATE whose result nobody looks at (`if claim.status != "approved": raise`,
the payout sent, then `update(Claim).where(..., Claim.status == "approved")`): the UPDATE
would refuse the second request, but only after both have done the work."""
from __future__ import annotations

import re
from typing import Callable, Iterator

from ...facts.types import FunctionFacts
from ._calls import bound_local
from ._dbaccess import Access, Summary

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
            work = [s for s in func.calls if block["end"] < s.line < update.line and s.awaited and s.func
                    and s.func[-1] not in _QUIET and s.used_as != "async-with" and s.line not in reads
                    and not _turned_back(func, s.line, update.line)]
            if work:
                store = {"target": chain, "line": update.line, "kind": "statement", "call": update.call,
                         "at": update.at, "late": work[0]}
                return row, block["line"], store, update.line
    return None


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
