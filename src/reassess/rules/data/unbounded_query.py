"""RA213 slow-query: a request returns every matching row, with no LIMIT and no key to bound it."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.queries import returns_rows
from ...model.data import of_context
from ...model.schema import Schema
from ...model.statements import Statement
from ..api import ProjectContext, Rule, register
from ._common import live_statements, requests_reaching, short, table_location
from ._keys import Series, equal_columns, key_lookup, open_series

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
        taken as scoped and not reported, unless the table is an event log (the application
        inserts rows and never updates or deletes them) whose index says rows are read per
        entity over time (`INDEX (tenant_id, meter, occurred_at)` and `WHERE tenant_id = $1`
        with `occurred_at` unbounded: the tenant's whole history), or whose query sorts one
        entity's rows of such a log by an unbounded timestamp (`WHERE listing_id = $1 ORDER BY
        viewed_at` on an append-only `listing_views`). ORM selects (`select(Payment).order_by(Payment.received_at)`)
        are reported when they read a whole table with no filter at all, sorted by one of its
        timestamp columns (a table that grows with time), through a call that buffers every row
        (`session.scalars`, `session.execute`); `session.stream(...)` is a cursor and fine. So are
        ORM selects of one entity's whole history: equality filters only, sorted by the unbounded
        time column a unique key or an index pairs with them, on a table of events (its model
        declares that one time column, and nothing updates or deletes its rows), when another
        select of the code bounds that entity's rows (a LIMIT or a range: the code says they outgrow
        one response): `select(ClockEvent).where(ClockEvent.company_id == c).order_by(ClockEvent.occurred_at.desc())`
        beside a `list_for_company_range(company_id, start, end, limit)`.

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
        live = live_statements(data)
        changed = _changed_tables(live)
        logs = _event_logs(live, changed)
        bounded = _bounded_reads(live)
        for stmt in live:
            if stmt.source == "orm":
                finding = self._orm(data, stmt, requests) or self._orm_history(data, stmt, requests, changed, bounded)
                if finding is not None:
                    yield finding
                continue
            if not _plain_select(stmt):
                continue
            series = None
            if any(u.op in _KEYED for u in stmt.where_uses()):
                series = open_series(stmt, data.schema) or _logged_series(stmt, data.schema, logs)
                if series is None or (series.how != "keyed" and series.table not in logs):
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

    def _orm(self, data, stmt: Statement, requests: dict) -> Finding | None:
        """A whole growing table read into memory for one request (see the docstring)."""
        if not _plain_orm_select(stmt):
            return None
        table = stmt.tables[0]
        order = next((u for u in stmt.uses if u.clause == "order" and data.schema.is_time_column(table, u.column)),
                     None)
        runs = [t for t in data.runs_of(stmt) if t.target.rsplit(".", 1)[-1] in _BUFFERED and t.function in requests]
        if order is None or not runs:
            return None
        entry = requests[runs[0].function].name.strip()
        description = (
            f"`{short(stmt.function)}` loads every row of `{table}` (no filter, no LIMIT, sorted by "
            f"`{order.column}`) with `{runs[0].target.rsplit('.', 1)[-1]}()`, which buffers the whole result, on the "
            f"path of {entry}. `{table}` grows with time: the sort, the memory the ORM objects take and the time the "
            "connection is held all grow with it, until the request times out or the worker runs out of memory."
        )
        related = [Location(runs[0].path, runs[0].site.line, runs[0].site.end_line, "every row buffered here")] \
            if runs[0].site.line != stmt.line else []
        recommendation = (
            f"Page it on `{order.column}` with a keyset cursor, or stream it for an export:\n\n"
            f"    result = await session.stream_scalars(stmt.execution_options(yield_per=1000))\n"
            "    async for row in result:\n        yield ...\n\n"
            f"    # or: stmt.where(({order.column}, id) > (last_at, last_id)).limit(page_size)"
        )
        return self.finding(Location(stmt.path, stmt.line, stmt.end_line),
                            f"Whole `{table}` table loaded in `{short(stmt.function)}`", description,
                            related=related + table_location(data, table), recommendation=recommendation)

    def _orm_history(self, data, stmt: Statement, requests: dict, changed: set[str],
                     bounded: set[tuple[str, frozenset[str]]]) -> Finding | None:
        """One entity's whole history read into memory for one request (see the docstring)."""
        series = _orm_series(data.schema, stmt, changed)
        if series is None or (series.table, frozenset(series.fixed)) not in bounded:
            return None
        runs = [t for t in data.runs_of(stmt) if t.target.rsplit(".", 1)[-1] in _BUFFERED and t.function in requests]
        if not runs:
            return None
        related = [Location(runs[0].path, runs[0].site.line, runs[0].site.end_line, "every row buffered here")] \
            if runs[0].site.line != stmt.line else []
        return self._series(data, stmt, series, requests[runs[0].function].name.strip(), related)

    def _series(self, data, stmt: Statement, series: Series, entry: str, related: list[Location]) -> Finding:
        fixed = " and ".join(f"`{c}`" for c in series.fixed)
        shape = (f"an append-only log (the code inserts rows and never updates or deletes them), read per {fixed} "
                 f"in `{series.time}` order" if series.how == "logged"
                 else f"a log of events (each row records one moment, `{series.time}`, and nothing updates or "
                      f"deletes them), indexed by ({', '.join(series.key)})" if series.how == "events"
                 else f"{series.how} by ({', '.join(series.key)})")
        description = (
            f"`{short(stmt.function)}` reads every row of `{series.table}` for one {fixed}, with no LIMIT and "
            f"nothing bounding `{series.time}`, on the path of {entry}. `{series.table}` is {shape}: "
            f"one {fixed} gains rows for as long as it exists, so the result, the memory "
            f"it takes and the time the connection is held grow with its history."
        )
        return self.finding(
            Location(stmt.path, stmt.line, stmt.end_line),
            f"Unbounded read of one {series.fixed[0]}'s history in `{series.table}` in `{short(stmt.function)}`",
            description, related=related + table_location(data, series.table),
            recommendation=_series_recommendation(series),
        )


def _logged_series(stmt: Statement, schema: Schema, logs: set[str]) -> Series | None:
    """`SELECT * FROM listing_views WHERE listing_id = $1 ORDER BY viewed_at` on an append-only
    table: one entity's history, returned in time order with nothing bounding the time."""
    table = stmt.tables[0] if len(stmt.tables) == 1 and not stmt.joins and not stmt.has_or else ""
    if table not in logs or key_lookup(stmt, schema):
        return None
    fixed = tuple(sorted(equal_columns(stmt, table)))
    bounded = {u.column for u in stmt.where_uses() if u.table == table and u.op not in _KEYED}
    order = next((u for u in stmt.uses if u.clause == "order"), None)
    if not fixed or order is None or order.table != table or order.column in bounded or order.column in fixed:
        return None
    if not schema.is_time_column(table, order.column):
        return None
    return Series(table, (*fixed, order.column), fixed, order.column, "logged")


def _orm_series(schema: Schema, stmt: Statement, changed: set[str]) -> Series | None:
    """`select(ClockEvent).where(ClockEvent.company_id == c).order_by(ClockEvent.occurred_at)`: equality
    tests only, sorted by the time column a unique key or an index pairs with them, nothing bounding
    it. An index alone (not a key) counts on a table of events: its model declares one time column
    (a row records one moment; `updated_at`, `ended_at` would mark a life cycle) and no statement
    updates or deletes its rows; members of a team indexed by `(team_id, joined_at)` are left."""
    if not _plain_orm_select(stmt, filtered=True) or stmt.has_or:
        return None
    uses = stmt.where_uses()
    if not uses or any(u.op != "=" or u.table != stmt.tables[0] for u in uses):
        return None
    series = open_series(stmt, schema)
    order = next((u for u in stmt.uses if u.clause == "order"), None)
    if series is None or order is None or order.column != series.time:
        return None
    if series.how == "keyed":
        return series
    declared = schema.tables.get(series.table)
    times = [c for c in declared.columns if schema.is_time_column(series.table, c)] if declared else []
    if series.table in changed or times != [series.time]:
        return None
    return Series(series.table, series.key, series.fixed, series.time, "events")


def _bounded_reads(statements: list[Statement]) -> set[tuple[str, frozenset[str]]]:
    """(table, equality columns) of the selects that bound one entity's rows with a LIMIT or a
    range (`page_for_org(org_id, after_id, limit)`): the code itself says that entity's rows
    outgrow one response, so a sibling read of them all is an oversight, not a small group."""
    found: set[tuple[str, frozenset[str]]] = set()
    for stmt in statements:
        if stmt.kind != "select" or len(stmt.tables) != 1:
            continue
        uses = stmt.where_uses()
        fixed = frozenset(u.column for u in uses if u.op == "=")
        if fixed and (stmt.limit or any(u.op in ("range", "between") for u in uses)):
            found.add((stmt.tables[0], fixed))
    return found


def _changed_tables(statements: list[Statement]) -> set[str]:
    """Tables some statement (SQL or ORM) updates or deletes rows of."""
    return {t for stmt in statements if stmt.kind in ("update", "delete") for t in stmt.tables}


def _event_logs(statements: list[Statement], changed: set[str]) -> set[str]:
    """Tables the application only appends to (it INSERTs rows and never UPDATEs or DELETEs
    them, `changed` being those it does): an event log grows for ever, unlike a table of entities
    (team members) that an index on (team_id, joined_at) merely keeps in order."""
    return {t for stmt in statements if stmt.kind == "insert" and len(stmt.tables) == 1 for t in stmt.tables} - changed


def _plain_select(stmt: Statement) -> bool:
    """A row-returning SELECT with nothing in its shape that bounds the result."""
    if stmt.source != "python" or stmt.kind != "select" or stmt.limit or stmt.single_row or stmt.dynamic:
        return False
    return not (stmt.aggregate_only or stmt.group_by or stmt.distinct or not stmt.tables)


# session calls that fetch every row of the result before returning (AsyncSession buffers, and
# ORM entity results are pre-buffered in sync sessions too); `stream`/`stream_scalars` are cursors
_BUFFERED = frozenset({"scalars", "execute"})


def _plain_orm_select(stmt: Statement, filtered: bool = False) -> bool:
    """A single-table ORM select with no filter of any kind (with `filtered`, with its WHERE left
    to the caller), nothing bounding it and nothing unread."""
    if stmt.kind != "select" or stmt.limit or stmt.single_row or stmt.joins or len(stmt.tables) != 1:
        return False
    if stmt.where_uses() and not filtered or stmt.inherited or stmt.base_unknown or stmt.unresolved_filters:
        return False
    filters = {"having", "group_by", "distinct", "offset"} | (set() if filtered else {"where", "filter", "filter_by"})
    return not (stmt.aggregate_only or stmt.group_by or stmt.distinct or stmt.dynamic or set(stmt.methods) & filters)


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
