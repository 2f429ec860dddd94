"""Rows read in bulk, a column stepped per row in Python, the batch written back (RA321):
`states = await repo.get_states(ids)`, then per item `failures = state["consecutive_failures"] + 1`
appended to `rows`, then `await repo.write_states(rows)`, an UPDATE that assigns the column. The
UPDATE stores values computed from the snapshot: a concurrent batch for the same rows is lost."""
from __future__ import annotations

import re
from typing import Callable

from ...facts.types import FunctionFacts
from ._calls import bound_local
from ._dbaccess import Access
from ._limit_then_update import refs_at
from ._text import arithmetic_on, assignments_from

_APPEND = re.compile(r"\b(\w+)\.(?:append|extend)\((.*)")


def batch_written_back(func: FunctionFacts, read: Access, updates: list[Access], text: Callable[[int], str],
                       locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, update line, store, update line) when a row of the collection `read` binds (looked
    up in it, `state = states.get(key)`, or walked by a `for`) has a column stepped into a value
    (`previous = state["failures"]`, `failures = previous + 1`) that is appended to a list later
    handed to an UPDATE of the same table assigning that column, not tested in its WHERE, with no
    lock held from the read to the UPDATE. Cited at the UPDATE, which writes the stale values."""
    rows = bound_local(func, read.line, read.call)
    if not rows or read.counts:
        return None
    for row in _row_names(func, rows, read.line):
        for column, stepped in _stepped_columns(func, row, read.line, text):
            for update in updates:
                if update.table != read.table or update.line <= read.line or column not in update.columns \
                        or column in update.where or locked(func, read.line, update.line):
                    continue
                batch = _appended(func, stepped, update.line, text) & refs_at(func, update.line)
                if batch:
                    store = {"target": f"{row}.{column}", "line": update.line, "kind": "statement",
                             "call": update.call, "at": update.at, "blind": True,
                             "batch": {"list": min(batch), "step": stepped[0][0]}}
                    return row, update.line, store, update.line
    return None


def _row_names(func: FunctionFacts, rows: str, after: int) -> list[str]:
    """Locals holding one row of the collection `rows`: looked up (`rows.get(key)`, `rows[key]`) or
    the target of a `for` over it (or over its `.values()`)."""
    looked = [name for name, value in func.local_types.items() if isinstance(value, dict)
              and (value.get("call") == f"{rows}.get" and value.get("line", 0) > after
                   or value.get("ref") == f"{rows}.[]")]
    walked = [info["target"] for line, info in func.extra.get("loops", {}).items()
              if line > after and info.get("kind") == "for" and isinstance(info.get("iter"), dict)
              and info["iter"].get("ref") in (rows, f"{rows}.values") and str(info.get("target", "")).isidentifier()]
    return sorted(set(looked + walked))


def _stepped_columns(func: FunctionFacts, row: str, after: int, text: Callable[[int], str]
                     ) -> list[tuple[str, list[tuple[int, str]]]]:
    """(column, [(line, local)...]) for each column of `row` whose value is stepped into a local:
    directly (`n = row["count"] + 1`) or through a copy (`previous = row.count`, `n = previous + 1`)."""
    found = []
    column_of = rf"\b{re.escape(row)}(?:\[[\"'](\w+)[\"']\]|\.(\w+))"
    for line, local in assignments_from(after, func.end_line + 1, rf"^\s*{column_of}\s*$", text):
        column = next(c for c in re.search(column_of, text(line)).groups() if c)
        stepped = assignments_from(line, func.end_line + 1, arithmetic_on(local), text)
        if stepped:
            found.append((column, stepped))
    for line, local in assignments_from(after, func.end_line + 1, rf"{column_of}\s*[-+]", text):
        column = next(c for c in re.search(column_of, text(line)).groups() if c)
        found.append((column, [(line, local)]))
    return found


def _appended(func: FunctionFacts, stepped: list[tuple[int, str]], before: int, text: Callable[[int], str]) -> set[str]:
    """The lists a stepped local is appended to (`rows.append((key, status, failures))`) before `before`."""
    first = min(line for line, _ in stepped)
    names = {local for _, local in stepped}
    found = set()
    for line in range(first + 1, before):
        match = _APPEND.search(text(line))
        if match and any(re.search(rf"\b{re.escape(name)}\b", match.group(2)) for name in names):
            found.add(match.group(1))
    return found
