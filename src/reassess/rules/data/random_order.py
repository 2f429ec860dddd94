"""RA239 slow-query: `ORDER BY random()`, which shuffles every row the filters leave to keep a few."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.data import DataModel, of_context
from ...model.statements import Statement
from ..api import ProjectContext, Rule, register
from ._common import live_statements, request_of, requests_reaching, short
from .leading_wildcard_like import _narrows


@register
class RandomOrder(Rule):
    """A random sample taken with `ORDER BY random()` (`order_by(func.random())`).

    What it finds:
        Queries on a table the project declares that order by `random()` (or `rand()`), in SQL
        or SQLAlchemy; the line of the `random()` call is cited. A query that an indexed owner
        key narrows first (`WHERE user_id = $1 ORDER BY random()`: one owner's rows), in the
        statement or in a refinement of it in the same function (`stmt = stmt.filter(...)`), is not
        reported, nor tables the project does not declare (their size and indexes are unknown).

    Why it matters:
        No index can give rows in random order: the database reads every row that passes the
        filters, computes `random()` for each and sorts them all, then keeps the first few. The
        cost grows with the table, not with the `LIMIT`, and a feed or suggestions endpoint pays
        it on every request.

    Example:
        select(User).where(User.city == city).order_by(func.random()).limit(200)

    Instead:
        Sample without sorting the table: pick random keys and fetch those rows, use
        `TABLESAMPLE SYSTEM_ROWS(n)` (tsm_system_rows), or order by an indexed random column
        stored on each row (`WHERE shuffle_key >= $1 ORDER BY shuffle_key LIMIT n`).
    """

    id = "RA239"
    name = "random-order"
    category = "slow-query"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 2.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        requests = requests_reaching(ctx)
        statements = live_statements(data)
        for stmt in statements:
            if not _shuffles_table(data, stmt) or _narrowed_later(data, statements, stmt):
                continue
            entry = request_of(requests, data, stmt)
            table = stmt.tables[0]
            where = f"`{short(stmt.function)}`" if stmt.function else "A module-level query"
            description = (
                f"{where} orders `{table}` by `random()`: no index gives rows in random order, so every call "
                "reads every row its filters leave, computes `random()` for each and sorts them all to keep "
                + ("the first few." if stmt.limit else "them.")
                + (f" Reached from {entry.name.strip()}." if entry is not None else "")
            )
            yield self.finding(
                Location(stmt.path, stmt.random_order_line, stmt.random_order_line),
                f"`ORDER BY random()` on `{table}` in `{short(stmt.function) or stmt.path}` sorts every matching row",
                description, severity="HIGH" if entry is not None else "MEDIUM",
                recommendation=_recommendation(),
            )


def _shuffles_table(data: DataModel, stmt: Statement) -> bool:
    """A select ordered by `random()` on a declared table that no indexed owner key narrows."""
    if not stmt.random_order_line or stmt.kind != "select" or not stmt.tables:
        return False
    table = stmt.tables[0]
    return table in data.schema.tables and not _narrows(data, stmt, table)


def _narrowed_later(data: DataModel, statements: list[Statement], stmt: Statement) -> bool:
    """`stmt = stmt.filter(Recipe.group_id == group_id)` after the shuffle was built: a refinement
    of the same query in the same function narrows it to one owner's rows before it runs."""
    table = stmt.tables[0]
    return any(other.path == stmt.path and other.function == stmt.function and other.line > stmt.line
               and table in other.tables and _narrows(data, other, table)
               for other in statements if other is not stmt)


def _recommendation() -> str:
    return ("Sample without sorting the whole table: choose random keys first and fetch those rows, use "
            "`TABLESAMPLE SYSTEM_ROWS(n)` (extension tsm_system_rows), or store an indexed random "
            "`shuffle_key` per row and read from a random starting point:\n\n"
            "    SELECT ... FROM users WHERE <filters> AND shuffle_key >= $1 ORDER BY shuffle_key LIMIT $2")
