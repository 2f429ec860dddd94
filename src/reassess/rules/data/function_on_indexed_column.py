"""RA214 slow-query: a function or cast around a tested column keeps every plain index from serving it."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.data import of_context
from ..api import ProjectContext, Rule, register
from ._common import live_statements, looks_like_lookup, rewritable, short, table_location


@register
class FunctionOnIndexedColumn(Rule):
    """A WHERE test that wraps a column in a function or cast, so no plain index can serve it.

    What it finds:
        Tests such as `lower(email) = $1`, `date(created_at) = $1`, `created_at::date = $1`,
        `(starts_at AT TIME ZONE $2)::date = $3` or `func.lower(User.email) == x`, where the column
        has a plain index (or key), or follows columns the statement tests for equality in a
        composite one (`(tenant_id, issued_at)` with `tenant_id = $1`), and no expression index
        on the column is declared. Not when another test of the statement leads a key of its own or
        a plain index with a list of values (`id = ANY($2)`): the rows are found without this one.
        Also when no index serves the column at all and no other test of the query has one (a
        configuration table aside): the query reads the whole table, and a plain index would not help
        until the test is rewritten.

    Why it matters:
        The index stores the column's values, not the function's results, so the database
        cannot use it and reads the whole table instead.

    Example:
        SELECT id FROM users WHERE lower(email) = $1     -- users.email has a UNIQUE index

    Instead:
        Compare the bare column (normalise the value on write and on the parameter side), or
        add an expression index:

            CREATE INDEX CONCURRENTLY ix_users_lower_email ON users (lower(email));
    """

    id = "RA214"
    name = "function-on-indexed-column"
    category = "slow-query"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        schema = data.schema
        for stmt in live_statements(data):
            for use in stmt.where_uses():
                if not rewritable(use) or not use.table:
                    continue
                indexes = schema.indexes_of(use.table)
                if any(c != use.column and use.column in c for i in indexes for c in i.columns) or \
                        not schema.knows_indexes(use.table):
                    continue  # an expression index on the column (or indexes we cannot read)
                index = _serving(indexes, use, _equal_columns(stmt, use.table))
                if index is not None and index.outside:
                    continue  # created by a migration beside the analysed folder: never cited
                if index is not None and not _found_otherwise(stmt, use, index, indexes):
                    yield self._finding(stmt, use, index, _narrowed_by(schema, stmt, use))
                elif index is None and _scans(data, stmt, use):
                    yield self._scan_finding(data, stmt, use)

    def _scan_finding(self, data, stmt, use) -> Finding:
        """The wrapped column has no index at all: a plain one would not help until the test is rewritten."""
        shown = _shown(use)
        description = (
            f"`{short(stmt.function) or stmt.path}` tests `{shown}` and no other indexed column of `{use.table}`, "
            f"so the query reads all of `{use.table}` and evaluates `{shown}` on each row. No index serves "
            f"`{use.column}`, and adding a plain one would not change that while the column is wrapped.")
        return self.finding(
            Location(stmt.path, use.line, use.line), f"`{shown}` makes the query scan all of `{use.table}`",
            description, related=table_location(data, use.table),
            recommendation=(
                f"Test the bare column and index it: {_rewrite(use)}. Then:\n\n    CREATE INDEX CONCURRENTLY "
                f"ix_{use.table}_{use.column} ON {use.table} ({use.column});"
                + (f"\n\nOr keep the test and index the expression: `CREATE INDEX CONCURRENTLY "
                   f"ix_{use.table}_{use.column}_expr ON {use.table} (({shown}));`"
                   if use.wrapped in ("lower", "upper") else "")),
        )

    def _finding(self, stmt, use, index, narrowed: str = "") -> Finding:
        shown = _shown(use)
        prefix = index.columns[:index.columns.index(use.column)]
        held = f"entries built from the bare `{use.column}` values" if index.method.lower() in ("gin", "gist") \
            else f"the plain `{use.column}` values"
        if prefix:
            equal = " and ".join(f"`{c}`" for c in prefix)
            effect = (f"the index `({', '.join(index.columns)})` ({index.path}:{index.line}) can only narrow the rows "
                      f"by {equal}: it holds {held}, so the query reads every row with "
                      f"that {equal} and evaluates `{shown}` on each.")
        elif narrowed:
            effect = (f"the index on `{use.table}.{use.column}` ({index.path}:{index.line}) holds {held}, "
                      f"so it cannot serve this test: the query finds its rows through the index on `{narrowed}` "
                      f"alone and evaluates `{shown}` on every row with that `{narrowed}`.")
        else:
            effect = (f"the index on `{use.table}.{use.column}` ({index.path}:{index.line}) holds {held}, "
                      f"so it cannot serve this test and the query reads all of `{use.table}`.")
        description = f"`{short(stmt.function) or stmt.path}` tests `{shown}`; {effect}"
        return self.finding(
            Location(stmt.path, use.line, use.line),
            f"`{shown}` cannot use the index on `{use.table}.{use.column}`", description,
            related=[Location(index.path, index.line, index.line, "the index the test cannot use")],
            recommendation=(
                f"Compare the bare column (store `{use.column}` normalised and normalise the parameter; for a "
                f"day, a range `{use.column} >= start AND {use.column} < start + 1 day`), or add an expression "
                f"index:\n\n    CREATE INDEX CONCURRENTLY ix_{use.table}_{use.column}_expr "
                f"ON {use.table} ({', '.join([*prefix, f'({shown})'])});"),
        )


def _shown(use) -> str:
    if use.wrapped.startswith("::"):
        return f"{use.column}{use.wrapped}"
    if use.wrapped in ("date_trunc", "to_char"):  # the unit or format is not kept
        return f"date_trunc(..., {use.column})" if use.wrapped == "date_trunc" else f"to_char({use.column}, ...)"
    return f"{use.wrapped}({use.column})"


def _rewrite(use) -> str:
    """How to test the bare column instead, by what the function does."""
    if use.wrapped in ("lower", "upper"):
        return (f"store `{use.column}` normalised ({use.wrapped}-cased on write) and compare it with the "
                f"normalised parameter")
    if use.op == "range" or use.wrapped in ("date", "date_trunc", "to_char", "::date", "cast", "extract"):
        return f"compare `{use.column}` with the bounds of the period (`{use.column} >= start AND {use.column} < end`)"
    return f"compare `{use.column}` with a parameter converted once on the application side"


def _scans(data, stmt, use) -> bool:
    """No index serves the bare column either, and no other test of the statement finds the rows
    through an index: the query reads the whole table (a small configuration table aside)."""
    schema = data.schema
    table = schema.tables.get(use.table)
    if stmt.kind not in ("select", "update", "delete", "insert") or stmt.dynamic or stmt.base_unknown or \
            table is None or use.column not in table.columns or looks_like_lookup(data, use.table):
        return False
    return next(_served_uses(schema, stmt, [*stmt.where_uses(), *stmt.inherited], use.table), None) is None


def _narrowed_by(schema, stmt, use) -> str:
    """Another bare test of the same table the statement makes that an index serves (`workspace_id =
    $1` beside `lower(title) = $2`): the rows are found through it, not by reading the whole table
    ("" when there is none)."""
    tests = (u for u in stmt.where_uses() if u.column != use.column and u.op == "=")
    return next((u.column for u in _served_uses(schema, stmt, tests, use.table)), "")


def _served_uses(schema, stmt, uses, table: str):
    """The bare tests of `table` among `uses` that an index serves, in order."""
    return (u for u in uses
            if u.table == table and not u.wrapped and schema.covering(u.table, u.column, stmt) is not None)


def _equal_columns(stmt, table: str) -> set[str]:
    """Columns of `table` the statement tests for equality with a bare column, and its columns
    joined by equality to another table the statement filters by equality (`JOIN assets a ON a.id =
    t.asset_id WHERE a.site_id = $1`): that table drives the join, and `table` is probed once per
    joined value, as if `asset_id = $n` were written."""
    where = stmt.where_uses()
    equal = {u.column for u in where if u.table == table and u.op == "=" and not u.wrapped}
    if any(u.table and u.table != table and u.op == "=" and not u.wrapped for u in where):
        equal |= {u.column for u in stmt.uses if u.clause == "join" and u.table == table and u.op == "="
                  and not u.wrapped}
    return equal


def _serving(indexes, use, equal: set[str]):
    """The index the wrapped column would use if it were bare: one it leads, or one it follows
    columns the statement already tests for equality (`(tenant_id, issued_at)` with
    `tenant_id = $1`); None when no index could serve the bare column either."""
    usable = [(index.columns.index(use.column), n, index) for n, index in enumerate(indexes)
              if use.column in index.columns]
    usable = [u for u in usable if all(column in equal for column in u[2].columns[:u[0]])]
    return min(usable, key=lambda u: u[:2])[2] if usable else None


def _found_otherwise(stmt, use, index, indexes) -> bool:
    """For an index the wrapped column follows a prefix in: another test of the statement leads an
    index of its own (`id IN (...)`), so the rows are found without this one."""
    position = index.columns.index(use.column)
    if not position:
        return False
    taken = set(index.columns[:position + 1])
    leading = {other.leading for other in indexes if other is not index}
    keys = {other.leading for other in indexes if other is not index and other.kind != "index"}
    # a key (one row per value) or a list of values finds few rows; an owner's plain index
    # (`(restaurant_id, status)`) may find its whole history, which the wrapped test then scans
    return any(u.table == use.table and u.column not in taken and u.indexable and not u.wrapped
               and (u.column in keys or u.column in leading and u.op in ("in", "any")) for u in stmt.where_uses())
