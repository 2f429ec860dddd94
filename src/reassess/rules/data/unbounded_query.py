"""RA213 slow-query: a request returns every matching row, with no LIMIT and no key to bound it."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.queries import returns_rows
from ...model.data import of_context
from ...model.statements import Statement
from ..api import ProjectContext, Rule, register
from ._common import live_statements, requests_reaching, short, table_location
from ._keys import Series, open_series

_KEYED = ("=", "in", "any")


@register
class UnboundedQuery(Rule):
    """A query on a request path that returns all matching rows with nothing to bound them.

    What it finds:
        SELECTs fetched as a full list (`fetch`, `fetch_all`, `fetchall`) from code an HTTP or
        websocket endpoint reaches, with no `LIMIT`/`FETCH FIRST`, not an aggregate, GROUP BY
        or DISTINCT, and either no equality test in the WHERE (only ranges such as
        `created_at >= $1`, or no filter at all), or equality on part of a unique key whose
        other part is a timestamp nothing bounds: `WHERE device_id = $1` on a table keyed by
        `(device_id, ts, metric)` returns that device's whole history. Equality on a key that
        is not a time series (`WHERE user_id = $1`, `WHERE order_id = $1` on order lines) is
        taken as scoped and not reported.

    Why it matters:
        The response grows with the table: a busy period or a wide date range turns one
        request into millions of rows held in memory, serialised and sent at once, with
        the query holding a connection for as long as it takes.

    Example:
        SELECT id, user_id, action, details, created_at FROM audit_log
        WHERE created_at >= $1 ORDER BY created_at

    Instead:
        Page it (keyset on the sort column) or stream it with a cursor:

            ... WHERE created_at >= $1 AND (created_at, id) > ($2, $3)
            ORDER BY created_at, id LIMIT $4
    """

    id = "RA213"
    name = "unbounded-query"
    category = "slow-query"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 2.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        requests = requests_reaching(ctx)
        for stmt in live_statements(data):
            if not _plain_select(stmt):
                continue
            series = None
            if any(u.op in _KEYED for u in stmt.where_uses()):
                series = open_series(stmt, data.schema)
                if series is None:
                    continue
            runs = [t for t in data.runs_of(stmt) if returns_rows(t.target) and t.function in requests]
            if not runs:
                continue
            entry = requests[runs[0].function]
            table = ", ".join(f"`{t}`" for t in stmt.tables)
            related = [Location(runs[0].path, runs[0].site.line, runs[0].site.end_line, "fetched as one list here")] \
                if runs[0].site.line != stmt.line else []
            if series is not None:
                yield self._series(data, stmt, series, entry.name.strip(), related)
                continue
            ranges = sorted({u.column for u in stmt.where_uses() if u.op in ("range", "between")})
            scope = f"only a range on {', '.join(f'`{c}`' for c in ranges)}" if ranges else "no filter"
            description = (
                f"`{short(stmt.function)}` reads {table} with {scope} and no LIMIT, on the path of "
                f"{entry.name.strip()}: the rows fetched, the memory they take and the time the connection is held "
                f"all grow with the table."
            )
            yield self.finding(
                Location(stmt.path, stmt.line, stmt.end_line),
                f"Unbounded query on {table} in `{short(stmt.function)}`", description,
                related=related, recommendation=_recommendation(stmt, ranges),
            )

    def _series(self, data, stmt: Statement, series: Series, entry: str, related: list[Location]) -> Finding:
        fixed = " and ".join(f"`{c}`" for c in series.fixed)
        description = (
            f"`{short(stmt.function)}` reads every row of `{series.table}` for one {fixed}, with no LIMIT and "
            f"nothing bounding `{series.time}`, on the path of {entry}. `{series.table}` is keyed by "
            f"({', '.join(series.key)}): one {fixed} gains rows for as long as it exists, so the result, the memory "
            f"it takes and the time the connection is held grow with its history."
        )
        return self.finding(
            Location(stmt.path, stmt.line, stmt.end_line),
            f"Unbounded read of one {series.fixed[0]}'s history in `{series.table}` in `{short(stmt.function)}`",
            description, related=related + table_location(data, series.table),
            recommendation=_series_recommendation(series),
        )


def _plain_select(stmt: Statement) -> bool:
    """A row-returning SELECT with nothing in its shape that bounds the result."""
    if stmt.source != "python" or stmt.kind != "select" or stmt.limit or stmt.single_row or stmt.dynamic:
        return False
    return not (stmt.aggregate_only or stmt.group_by or stmt.distinct or not stmt.tables)


def _recommendation(stmt: Statement, ranges: list[str]) -> str:
    key = ranges[0] if ranges else "id"
    return ("Return it in pages with a keyset cursor (or stream it with a server-side cursor for exports) and "
            "cap the page size:\n\n"
            f"    ... WHERE {key} >= $1 AND ({key}, id) > ($2, $3) ORDER BY {key}, id LIMIT $4\n\n"
            "    # or, for an export:\n    async with conn.transaction():\n"
            "        async for row in conn.cursor(query, since):\n            yield row")


def _series_recommendation(series: Series) -> str:
    where = " AND ".join(f"{c} = ${i}" for i, c in enumerate(series.fixed, 1))
    n = len(series.fixed)
    time = series.time
    return (f"Bound it by `{time}` and page it on the key, or stream it with a server-side cursor:\n\n"
            f"    SELECT ... FROM {series.table}\n    WHERE {where} AND {time} >= ${n + 1} AND {time} < ${n + 2}\n"
            f"    ORDER BY {time} LIMIT ${n + 3}\n\n"
            "    # or, for an export:\n    async with conn.transaction():\n"
            "        async for row in conn.cursor(query, *args):\n            yield row")
