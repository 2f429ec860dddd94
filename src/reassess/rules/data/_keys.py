"""What a query's WHERE pins down, read against the keys the schema declares.

Equality on every column of a primary or unique key returns at most one row. Equality on
part of a key whose remaining part is a timestamp (`UNIQUE (device_id, ts, metric)`) picks
one entity's series: the rows it returns grow with time unless the timestamp is bounded.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model.schema import Schema
from ...model.statements import ColumnUse, Statement

_TIME_BOUNDS = frozenset({"<", ">", "<=", ">=", "range", "between"})


@dataclass(frozen=True)
class Series:
    """One entity's rows of a table keyed by (entity..., time...)."""

    table: str
    key: tuple[str, ...]  # the unique key the rows are identified by
    fixed: tuple[str, ...]  # the key columns the WHERE tests for equality
    time: str  # the key's timestamp column nothing bounds
    how: str = "keyed"  # "keyed" (a unique key), "indexed" (an index declares it), "logged" (an append-only table)


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
    return _indexed_series(schema, table, fixed, bounded)


def _indexed_series(schema: Schema, table: str, fixed: set[str], bounded: set[str]) -> Series | None:
    """A series the schema's own index declares: `INDEX (tenant_id, meter, occurred_at)` says rows
    are read per tenant over time, so `WHERE tenant_id = $1` with `occurred_at` unbounded returns
    the tenant's whole history (an event log keyed by a surrogate id and a dedup key)."""
    for index in schema.indexes_of(table):
        cols = index.columns
        if index.kind != "index" or index.partial or len(cols) < 2 or cols[0] not in fixed:
            continue
        time = next((c for c in cols[1:] if c not in fixed and schema.is_time_column(table, c)), "")
        if time and time not in bounded:
            return Series(table, cols, tuple(c for c in cols if c in fixed), time, "indexed")
    return None


@dataclass(frozen=True)
class UnservedSort:
    """A top-N query whose filter an index serves but whose ORDER BY no index continues."""

    table: str
    fixed: tuple[str, ...]  # the columns the WHERE tests for equality, in the order written
    order: ColumnUse  # the leading sort key
    ranged: tuple[str, ...]  # the sort column's own range tests, if any
    serves: str  # the column the index on the equality columns does keep the group ordered by


def unserved_sort(stmt: Statement, schema: Schema) -> UnservedSort | None:
    """`WHERE a = $1 [AND t < $2] ORDER BY t LIMIT n` where a composite index `(a, x)` was built
    for ordered reads of `a`'s group but none holds `t` after `a`: the database reads every row
    of the group and sorts them to return n. Only a timestamp sort key counts (an entity's
    group then grows with time), and only when the equality tests fix no unique key. A plain
    index on `a` alone is not reported: it says nothing about how large a group gets."""
    table = _limited_select(stmt, schema)
    order = next((u for u in stmt.uses if u.clause == "order"), None) if table else None
    if order is None or order.table != table or not schema.is_time_column(table, order.column):
        return None
    tests = _group_tests(stmt, table, order.column)
    if tests is None:
        return None  # IN lists, ranges on other columns, other tables: the plan is not this one
    fixed = tuple(dict.fromkeys(u.column for u in tests if u.op == "="))
    if not fixed or order.column in fixed or any(set(key) <= set(fixed) for key in schema.unique_keys(table)):
        return None
    indexes = [i for i in schema.indexes_of(table) if i.method in ("", "btree")]
    serves = next((c for c in (_after(i.columns, fixed) for i in indexes if i.leading in fixed) if c), "")
    if not serves or any(_continues(i.columns, fixed, order.column) for i in indexes):
        return None
    ranged = tuple(dict.fromkeys(u.column for u in tests if u.op != "="))
    return UnservedSort(table, fixed, order, ranged, serves)


def _limited_select(stmt: Statement, schema: Schema) -> str:
    """The one table of a plain `SELECT ... LIMIT n` whose indexes are known, else ""."""
    table = _single_table(stmt)
    plain = stmt.kind == "select" and stmt.limit and not (stmt.single_row or stmt.dynamic or stmt.base_unknown)
    grouped = stmt.group_by or stmt.distinct or stmt.aggregate_only
    return table if table and plain and not grouped and schema.knows_indexes(table) else ""


def _group_tests(stmt: Statement, table: str, sort_column: str) -> list | None:
    """The WHERE tests when all are equalities on `table` (or ranges on the sort column)."""
    tests = [u for u in stmt.inherited + stmt.where_uses() if not u.nested]
    if any(u.table != table or (u.op != "=" and u.column != sort_column) for u in tests):
        return None
    return tests


def _after(columns: tuple[str, ...], fixed: tuple[str, ...]) -> str:
    """The first column of an index after its leading run of `fixed` columns ("" if none)."""
    return next((c for c in columns if c not in fixed), "")


def _continues(columns: tuple[str, ...], fixed: tuple[str, ...], column: str) -> bool:
    """Whether an index on `columns` yields rows in `column` order once the `fixed` columns are pinned."""
    for name in columns:
        if name == column:
            return True
        if name not in fixed:
            return False
    return False
