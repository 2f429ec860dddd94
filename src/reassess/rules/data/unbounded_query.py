"""RA213 slow-query: a request returns every matching row, with no LIMIT and no key to bound it."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.queries import returns_rows
from ...model.data import of_context
from ...model.statements import Statement
from ..api import ProjectContext, Rule, register
from ._common import live_statements, requests_reaching, short

_KEYED = ("=", "in", "any")


@register
class UnboundedQuery(Rule):
    """A query on a request path that returns all matching rows with nothing to bound them.

    What it finds:
        SELECTs fetched as a full list (`fetch`, `fetch_all`, `fetchall`) from code an HTTP or
        websocket endpoint reaches, with no `LIMIT`/`FETCH FIRST`, not an aggregate, GROUP BY
        or DISTINCT, and no equality test in the WHERE (so the result is not scoped to one
        user, order or key): only ranges such as `created_at >= $1`, or no filter at all.

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
            if not _unbounded(stmt):
                continue
            runs = [t for t in data.runs_of(stmt) if returns_rows(t.target) and t.function in requests]
            if not runs:
                continue
            entry = requests[runs[0].function]
            table = ", ".join(f"`{t}`" for t in stmt.tables)
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
                related=[Location(runs[0].path, runs[0].site.line, runs[0].site.end_line, "fetched as one list here")]
                if runs[0].site.line != stmt.line else [],
                recommendation=_recommendation(stmt, ranges),
            )


def _unbounded(stmt: Statement) -> bool:
    if stmt.source != "python" or stmt.kind != "select" or stmt.limit or stmt.single_row or stmt.dynamic:
        return False
    if stmt.aggregate_only or stmt.group_by or stmt.distinct or not stmt.tables:
        return False
    return not any(u.op in _KEYED for u in stmt.where_uses())


def _recommendation(stmt: Statement, ranges: list[str]) -> str:
    key = ranges[0] if ranges else "id"
    return ("Return it in pages with a keyset cursor (or stream it with a server-side cursor for exports) and "
            "cap the page size:\n\n"
            f"    ... WHERE {key} >= $1 AND ({key}, id) > ($2, $3) ORDER BY {key}, id LIMIT $4\n\n"
            "    # or, for an export:\n    async with conn.transaction():\n"
            "        async for row in conn.cursor(query, since):\n            yield row")
