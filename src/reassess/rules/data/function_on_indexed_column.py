"""RA214 slow-query: a function or cast around an indexed column defeats its index."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.data import of_context
from ..api import ProjectContext, Rule, register
from ._common import live_statements, short


@register
class FunctionOnIndexedColumn(Rule):
    """A WHERE test that wraps an indexed column in a function or cast.

    What it finds:
        Tests such as `lower(email) = $1`, `date(created_at) = $1`, `created_at::date = $1`,
        `(starts_at AT TIME ZONE $2)::date = $3` or `func.lower(User.email) == x`, where the column
        has a plain index (or key), or follows columns the statement tests for equality in a
        composite one (`(tenant_id, issued_at)` with `tenant_id = $1`), and no expression index
        on the column is declared. Not when another test of the statement leads a key of its own or
        a plain index with a list of values (`id = ANY($2)`): the rows are found without this one.

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
                if not use.wrapped or use.wrapped == "coalesce" or not use.table or \
                        use.op not in ("=", "range", "in", "any", "between"):
                    continue
                indexes = schema.indexes_of(use.table)
                if any(c != use.column and use.column in c for i in indexes for c in i.columns) or \
                        not schema.knows_indexes(use.table):
                    continue  # an expression index on the column (or indexes we cannot read)
                index = _serving(indexes, use, _equal_columns(stmt, use.table))
                if index is not None and not _found_otherwise(stmt, use, index, indexes):
                    yield self._finding(stmt, use, index)

    def _finding(self, stmt, use, index) -> Finding:
        shown = f"{use.wrapped}({use.column})" if not use.wrapped.startswith("::") else \
            f"{use.column}{use.wrapped}"
        prefix = index.columns[:index.columns.index(use.column)]
        if prefix:
            equal = " and ".join(f"`{c}`" for c in prefix)
            effect = (f"the index `({', '.join(index.columns)})` ({index.path}:{index.line}) can only narrow the rows "
                      f"by {equal}: it holds the plain `{use.column}` values, so the query reads every row with "
                      f"that {equal} and evaluates `{shown}` on each.")
        else:
            effect = (f"the index on `{use.table}.{use.column}` ({index.path}:{index.line}) holds the plain values, "
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


def _equal_columns(stmt, table: str) -> set[str]:
    """Columns of `table` the statement tests for equality with a bare column."""
    return {u.column for u in stmt.where_uses() if u.table == table and u.op == "=" and not u.wrapped}


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
