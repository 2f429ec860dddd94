"""What a query's WHERE pins down, read against the keys the schema declares.

Equality on every column of a primary or unique key returns at most one row. Equality on
part of a key whose remaining part is a timestamp (`UNIQUE (device_id, ts, metric)`) picks
one entity's series: the rows it returns grow with time unless the timestamp is bounded.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model.schema import Schema
from ...model.statements import Statement

_TIME_BOUNDS = frozenset({"<", ">", "<=", ">=", "range", "between"})


@dataclass(frozen=True)
class Series:
    """One entity's rows of a table keyed by (entity..., time...)."""

    table: str
    key: tuple[str, ...]  # the unique key the rows are identified by
    fixed: tuple[str, ...]  # the key columns the WHERE tests for equality
    time: str  # the key's timestamp column nothing bounds


def _single_table(stmt: Statement) -> str:
    return stmt.tables[0] if len(stmt.tables) == 1 and not stmt.joins and not stmt.has_or else ""


def equal_columns(stmt: Statement, table: str) -> set[str]:
    """Columns of `table` the statement's own WHERE (not a subquery's) tests with `=`."""
    return {u.column for u in stmt.where_uses() if u.op == "=" and not u.nested and u.table == table}


def key_lookup(stmt: Statement, schema: Schema) -> tuple[str, ...]:
    """The unique key whose every column the WHERE fixes (at most one row), or ()."""
    table = _single_table(stmt)
    if not table:
        return ()
    fixed = equal_columns(stmt, table)
    return next((key for key in schema.unique_keys(table) if set(key) <= fixed), ())


def open_series(stmt: Statement, schema: Schema) -> Series | None:
    """The series the WHERE selects when it fixes part of a unique key and leaves that key's
    timestamp column unbounded; None for a key lookup or any other shape."""
    table = _single_table(stmt)
    fixed = equal_columns(stmt, table) if table else set()
    if not fixed:
        return None
    keys = schema.unique_keys(table)
    if any(set(key) <= fixed for key in keys):
        return None
    bounded = {u.column for u in stmt.where_uses() if u.table == table and u.op in _TIME_BOUNDS}
    for key in keys:
        if not fixed & set(key):
            continue
        time = next((c for c in key if c not in fixed and schema.is_time_column(table, c)), "")
        if time and time not in bounded:
            return Series(table, key, tuple(c for c in key if c in fixed), time)
    return None
