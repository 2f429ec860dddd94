"""RA212 slow-query: SELECT * on a wide table."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...model.data import of_context
from ...model.schema import Table
from ..api import ProjectContext, Rule, register
from ._common import live_statements, short, table_location
from ._keys import equal_columns, key_lookup

_SENSITIVE = re.compile(r"password|secret|token|hash|api_key|private", re.I)
_BINARY = re.compile(r"BYTEA|BLOB|BINARY|IMAGE|RAW", re.I)


@register
class SelectStarWideTable(Rule):
    """`SELECT *` on a table with many columns.

    What it finds:
        Top-level `SELECT *` (or `alias.*`) in SQL the application runs, on a table declared
        with at least `select_star_columns` columns (default 8). `INSERT ... SELECT *`
        copies, `EXISTS (SELECT * ...)` and star selects from CTEs are not reported, nor is a
        lookup of one row by its primary or unique key on a table whose columns all have a
        declared type, none binary and none secret: the extra columns of one row cost next
        to nothing. Nor is a bounded read (a page with `LIMIT`, or one parent's rows through
        an index: `WHERE application_id = $1`; a partial index only when the query tests its
        predicate too) of a table with no secret or binary column that no
        SQL query of the application reads by named columns: nothing says the callers want fewer
        columns, and the rows are few.

    Why it matters:
        Every column travels to the application on every call, including large JSON or text
        columns and secrets (password hashes) the caller never needs; covering indexes cannot
        serve the query, and a column added later silently changes what callers receive.

    Example:
        SELECT * FROM users WHERE email = $1

    Instead:
        Name the columns the caller uses:

            SELECT id, email, display_name, is_admin, is_active FROM users WHERE email = $1
    """

    id = "RA212"
    name = "select-star-wide-table"
    category = "slow-query"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        threshold = int(self.option("select_star_columns", 8))
        live = live_statements(data)
        projected = _projected(live)
        for stmt in live:
            if not stmt.star_line or stmt.kind != "select" or len(stmt.tables) != 1 or _named_at_run_time(stmt.tables[0]):
                continue
            table = data.schema.tables.get(stmt.tables[0])
            if table is None or len(table.columns) < threshold:
                continue
            secrets = [c for c in table.columns if _SENSITIVE.search(c)]
            if not secrets and key_lookup(stmt, data.schema) and _small_row(table):
                continue
            if not secrets and stmt.tables[0] not in projected and _bounded(stmt, data):
                continue
            where = f"`{short(stmt.function)}`" if stmt.function else "A module-level query"
            description = (
                f"{where} selects every column of `{table.name}` ({len(table.columns)} columns)"
                + (f", including {', '.join(f'`{c}`' for c in secrets)}," if secrets else "")
                + " although callers read only some of them; the extra columns cost I/O and network on every call"
                + (" and carry secrets further than needed." if secrets else ".")
            )
            columns = ", ".join(c for c in table.columns if not _SENSITIVE.search(c))
            yield self.finding(
                Location(stmt.path, stmt.star_line, stmt.star_line),
                f"SELECT * on `{table.name}` ({len(table.columns)} columns)", description,
                severity="MEDIUM" if secrets else "LOW", related=table_location(data, table.name),
                recommendation=("Name the columns the callers use"
                                + (f"; at least leave out {', '.join(secrets)}" if secrets else "")
                                + f":\n\n    SELECT {columns} FROM {table.name} ..."),
            )


def _bounded(stmt, data) -> bool:
    """A page (`LIMIT $2`) or the WHERE fixes a column an index leads with (`WHERE application_id =
    $1`, one parent's rows), on a table with no binary column: a few rows per call."""
    table = stmt.tables[0]
    declared = data.schema.tables[table]
    if any(_BINARY.search(c.sql_type or "") for c in declared.columns.values()):
        return False
    return bool(stmt.limit) or any(data.schema.covering(table, column, stmt) is not None
                                   for column in equal_columns(stmt, table))


def _projected(statements) -> set[str]:
    """Tables some SQL query of the application reads by named columns: the team projects them,
    and a `SELECT *` on one of them is the query that does not."""
    return {table for stmt in statements if stmt.source == "python" and stmt.kind == "select" and not stmt.star_line
            for table in stmt.tables}


def _small_row(table: Table) -> bool:
    """Every column has a declared type and none is binary (a file, an image): one row is cheap."""
    return all(c.sql_type and "{" not in c.sql_type and not _BINARY.search(c.sql_type) for c in table.columns.values())


def _named_at_run_time(table: str) -> bool:
    """`SELECT * FROM "{name}"`: the table is named by a value only known at run time (a scratch
    table built per run); the schema entry read from another f-string with the same placeholder,
    `{}`, is not proved to be the same table."""
    return "{}" in table
