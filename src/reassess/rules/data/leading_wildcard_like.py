"""RA210 slow-query: LIKE / ILIKE with a leading wildcard, which no b-tree index can serve."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.data import DataModel, of_context
from ...model.statements import ColumnUse
from ..api import ProjectContext, Rule, register
from ._common import live_statements, request_of, requests_reaching, short


@register
class LeadingWildcardLike(Rule):
    """A `LIKE`/`ILIKE` search whose pattern starts with a wildcard (SQL or SQLAlchemy
    `.contains()`, `.ilike(f"%{q}%")`, `.endswith()`).

    What it finds:
        Pattern matches whose pattern starts with `%` or `_`: string literals, `'%' || $1`,
        `concat('%', ...)`, and in ORM calls f-strings, `"%" + q`, `"%%%s%%" % q`,
        `"%{}%".format(q)` or a local bound once to one of these; `.contains(q)` on a string
        column; raw SQL `name ILIKE $1` whose `$1` argument in the same call is such a pattern
        (`conn.fetch(sql, f"%{term}%")`). The line of the `.ilike(` call is cited. Prefix searches (`LIKE $1 || '%'`,
        `.ilike(q + "%")`, `.startswith()`) are not reported, nor array/JSON containment, nor
        columns that have a trigram (`gin`/`gist`) index. A search on a query that the same
        statement or the builder it starts from (`repository.get_statement_by_org_ids(ids)`)
        narrows by an indexed owner key (`organization_id IN (...)`) is still reported (a large
        tenant's rows are scanned), described as such rather than as a scan of the whole table.
        A table the project does not declare (another store's, such as ClickHouse) whose query
        ANDs the search with an equality on a key (`TraceId = %(id)s AND (...)`) is a key lookup
        and is not reported.

    Why it matters:
        A b-tree index only helps when the start of the string is known, so every search reads
        the whole table; search boxes call it on every keystroke.

    Example:
        SELECT ... FROM instruments WHERE name ILIKE '%' || $1 || '%' ORDER BY symbol LIMIT $2

    Instead:
        Add a trigram index (pg_trgm), which serves `ILIKE '%q%'` directly, or use full-text
        search:

            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX CONCURRENTLY ix_instruments_name_trgm ON instruments USING gin (name gin_trgm_ops);
    """

    id = "RA210"
    name = "leading-wildcard-like"
    category = "slow-query"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        requests = requests_reaching(ctx)
        by_function: dict[str, list] = {}
        for stmt in live_statements(data):  # by function, and by method name for unresolved receivers
            by_function.setdefault(stmt.function, []).append(stmt)
            if stmt.function:
                by_function.setdefault(stmt.function.rsplit(".", 1)[-1], []).append(stmt)
        for stmt in live_statements(data):
            uses = [u for u in stmt.uses if u.op == "like-leading" and u.table and _textual(data, u)
                    and not _trigram(data, u.table, u.column)]
            if not uses:
                continue
            if _key_lookup(data, stmt, uses):
                continue
            scoped = all(_scoped(ctx.model, data, by_function, stmt, u.table) for u in uses)
            columns = list(dict.fromkeys(f"{u.table}.{u.column}" for u in uses))
            shown = ", ".join(f"`{c}`" for c in columns)
            entry = request_of(requests, data, stmt)
            where = f"`{short(stmt.function)}`" if stmt.function else "A module-level query"
            tables = sorted({u.table for u in uses})
            description = (
                f"{where} matches {shown} against a pattern that starts with a wildcard, so no b-tree index can "
                f"narrow it down: every call reads "
                + (f"every row of {', '.join(f'`{t}`' for t in tables)} that the owner filter leaves (all of a "
                   "large tenant's rows)." if scoped else f"all of {', '.join(f'`{t}`' for t in tables)}.")
                + (f" Reached from {entry.name.strip()}." if entry is not None else "")
            )
            first = uses[0]
            yield self.finding(
                Location(stmt.path, min(u.line for u in uses), max(u.line for u in uses)),
                f"Leading-wildcard search on {shown} scans "
                f"{'each owner' + chr(39) + 's rows' if scoped else 'the table'}",
                description,
                severity="HIGH" if entry is not None else "MEDIUM",
                recommendation=_recommendation(data, first.table, first.column),
                extra={"columns": columns},
            )


_NARROWING = frozenset({"=", "in", "any"})


def _scoped(model, data: DataModel, by_function: dict, stmt, table: str) -> bool:
    """The search runs on a statement already narrowed to one tenant or owner: the same query, or
    the builder it starts from (`repository.get_statement_by_org_ids(ids)`), tests an indexed key
    for equality, so the pattern filters the rows that index finds rather than the whole table."""
    if _narrows(data, stmt, table):
        return True
    for edge in model.edges.get(stmt.function, ()) if stmt.function else ():
        callee = model.callee_function(edge.target)
        if callee and callee != stmt.function:
            if any(_narrows(data, s, table) for s in by_function.get(callee, ()) if s.kind == "select"):
                return True
            continue
        if edge.target.kind == "unresolved" and len(edge.site.func or ()) > 1:
            # `repository.get_statement_by_org_ids(...)` on a repository the resolver cannot type:
            # the builders of that name that select from `table`, when every one of them narrows it
            builders = [s for s in by_function.get(edge.site.func[-1], ()) if s.kind == "select"
                        and set(s.tables) & {table, *stmt.tables}]
        else:
            continue
        if builders and all(_narrows(data, s, table) for s in builders):
            return True
    return False


def _narrows(data: DataModel, stmt, table: str) -> bool:
    """An indexed equality on a key of `table` or of the table the query is driven from (a
    customer's orders joined to their products): the search filters the rows that index finds."""
    if stmt.has_or:
        return False  # `id IN (...) OR name ILIKE ...`: the key test may not narrow anything
    tables = {table, *stmt.tables}
    return any(u.table in tables and u.clause == "where" and u.op in _NARROWING and not u.nested
               and _indexed_key(data, stmt, u.table, u.column) for u in stmt.uses)


def _key_lookup(data: DataModel, stmt, uses: list[ColumnUse]) -> bool:
    """`WHERE trace_id = %s AND (... LIKE '%x')` on another store's table: the key finds the rows."""
    return all(_undeclared(data, u.table) for u in uses) and _narrows(data, stmt, uses[0].table)


def _undeclared(data: DataModel, table: str) -> bool:
    """A table no DDL, migration or ORM model of the project declares (a ClickHouse or vendor
    table): its indexes are unknown, so "no index can narrow it" cannot be shown."""
    return table not in data.schema.tables


def _indexed_key(data: DataModel, stmt, table: str, column: str) -> bool:
    """A key column with an index that serves `stmt` (a partial one only when it tests the
    predicate); on an undeclared table, a column named as a key (`trace_id`, `TraceId`, read
    lowercased), the lookup such a table is built around."""
    if _undeclared(data, table):
        return column == "id" or column.endswith("id")
    return _key_column(data, table, column) and data.schema.covering(table, column, stmt) is not None


def _key_column(data: DataModel, table: str, column: str) -> bool:
    """An owner or tenant key (`organization_id`, a uuid): one value selects a few rows, unlike
    `brand = 'acme'`, which may match most of the table."""
    found = data.schema.tables.get(table)
    sql_type = found.columns[column].sql_type.upper() if found and column in found.columns else ""
    return column == "id" or column.endswith("_id") or "UUID" in sql_type


_TEXT_TYPES = ("", "STRING", "TEXT", "VARCHAR", "CHAR", "CITEXT", "UNICODE", "UNICODETEXT", "CHARACTER")


def _textual(data: DataModel, use: ColumnUse) -> bool:
    """A string column (or one whose type is unknown), or any column cast to text for the match
    (`detail::text ILIKE '%' || $1 || '%'` on a JSONB column): the cast is as unindexed as a
    text column. LIKE on arrays and JSON themselves is something else."""
    table = data.schema.tables.get(use.table)
    column = table.columns.get(use.column) if table else None
    return column is None or column.sql_type.upper() in _TEXT_TYPES or use.wrapped == "cast" \
        or use.wrapped.removeprefix("::").upper() in _TEXT_TYPES[1:]


def _trigram(data: DataModel, table: str, column: str) -> bool:
    return any(i.method in ("gin", "gist") and i.covers(column) for i in data.schema.indexes_of(table))


def _recommendation(data: DataModel, table: str, column: str) -> str:
    text = ("Add a trigram index, which serves `LIKE`/`ILIKE '%q%'` without changing the query, or move the "
            "search to full-text search:\n\n"
            "    CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
            f"    CREATE INDEX CONCURRENTLY ix_{table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops);")
    declared = data.schema.tables.get(table)
    if declared is None or declared.source != "orm" or not declared.model:
        return text
    return text + ("\n\nand declare it on the model so metadata and migrations agree:\n\n"
                   f"    # {declared.model.rsplit('.', 1)[-1]}.__table_args__\n"
                   f"    Index(\"ix_{table}_{column}_trgm\", \"{column}\", postgresql_using=\"gin\",\n"
                   f"          postgresql_ops={{\"{column}\": \"gin_trgm_ops\"}}),")
