"""RA211 slow-query: OFFSET pagination, whose cost grows with the page number."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...model.data import DataModel, of_context
from ...model.statements import Statement
from ..api import ProjectContext, Rule, register
from ._common import live_statements, request_of, requests_reaching, short

if TYPE_CHECKING:
    from ...model.app import EntryPoint


@register
class OffsetPagination(Rule):
    """Pages read with `OFFSET n` (or `.offset(n)` in SQLAlchemy).

    What it finds:
        Queries with an `OFFSET` clause whose value is a parameter or a non-zero number, and
        ORM chains that call `.offset(...)` with a computed value, including a statement paged
        after it was built (`stmt = stmt.offset((page - 1) * size).limit(size)`); the line of
        `.offset(` is cited. A fixed skip (`.offset(0)`, `.offset(1)`, a module constant) is not
        pagination and is not reported. One finding per function and table. When the same table
        already has a keyset query (a range test on the sort column plus `LIMIT`) the finding
        points to it.

    Why it matters:
        The database still produces and discards every skipped row: page 1,000 of 50 rows
        reads 50,050 rows, so deep pages get slower and load grows with every page a client
        or crawler walks. Rows inserted between requests also shift pages (duplicates, gaps).

    Example:
        SELECT ... FROM orders WHERE user_id = $1 ORDER BY created_at DESC OFFSET $2 LIMIT $3

    Instead:
        Keyset (cursor) pagination: pass the last sort key of the previous page.

            SELECT ... FROM orders WHERE user_id = $1 AND created_at < $2
            ORDER BY created_at DESC LIMIT $3
    """

    id = "RA211"
    name = "offset-pagination"
    category = "slow-query"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 2.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        requests = requests_reaching(ctx)
        statements = live_statements(data)
        for paged in _paged_groups(statements):
            yield self._finding(data, statements, requests, paged)

    def _finding(self, data: DataModel, statements: list[Statement], requests: dict[str, "EntryPoint"],
                 paged: list[Statement]) -> Finding:
        """One finding for the OFFSET queries of one function and table, cited at the first."""
        stmt = paged[0]
        keyset = _keyset_sibling(statements, stmt)
        entry = request_of(requests, data, stmt)
        # a query over a CTE or a table named at run time names no table: say "its rows", not a name
        table = f"`{stmt.tables[0]}`" if stmt.tables else "the rows of its query"
        return self.finding(Location(stmt.path, stmt.offset_line, stmt.offset_line),
                            f"OFFSET pagination{' on ' + table if stmt.tables else ''} in "
                            f"`{short(stmt.function) or stmt.path}`", _description(paged, table, keyset, entry),
                            related=_related(paged, keyset), recommendation=_recommendation(data, stmt, keyset))


def _paged_groups(statements: list[Statement]) -> list[list[Statement]]:
    """The SELECTs with an OFFSET, grouped by file, function (or the line of a module-level
    query) and tables, in first-seen order: one finding per function and table."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[Statement]] = {}
    for stmt in statements:
        if stmt.offset_line and stmt.kind == "select":
            key = (stmt.path, stmt.function or f"{stmt.path}:{stmt.line}", tuple(stmt.tables))
            groups.setdefault(key, []).append(stmt)
    return list(groups.values())


def _description(paged: list[Statement], table: str, keyset: Statement | None, entry: "EntryPoint | None") -> str:
    """Why the paging costs more with each page, naming a keyset query on the same table the
    author can copy and the request that reaches the query."""
    stmt = paged[0]
    where = f"`{short(stmt.function)}`" if stmt.function else "A module-level query"
    more = f" ({len(paged)} queries)" if len(paged) > 1 else ""
    return (
        f"{where} pages through {table} with OFFSET{more}: the database reads and discards every row "
        f"before the page, so the cost grows with the page number."
        + (f" `{short(keyset.function)}` already pages {table} by key." if keyset is not None else "")
        + (f" Reached from {entry.name.strip()}." if entry is not None else "")
    )


def _related(paged: list[Statement], keyset: Statement | None) -> list[Location]:
    """The group's other OFFSET lines, then the keyset query to follow."""
    related = [Location(s.path, s.offset_line, s.offset_line, "the same OFFSET paging") for s in paged[1:]]
    if keyset is not None:
        related.append(Location(keyset.path, keyset.line, keyset.end_line, "keyset pagination on the same table"))
    return related


def _keyset_sibling(statements: list[Statement], stmt: Statement) -> Statement | None:
    """A query on the same table with a range test on a column it orders by, LIMIT and no OFFSET."""
    for other in statements:
        if other is stmt or other.offset_line or not other.limit or other.tables != stmt.tables:
            continue
        ordered = {u.column for u in other.uses if u.clause == "order"}
        if any(u.op == "range" and u.column in ordered for u in other.where_uses()):
            return other
    return None


def _recommendation(data: DataModel, stmt: Statement, keyset: Statement | None) -> str:
    order = next((u.column for u in stmt.uses if u.clause == "order"), "created_at")
    head = (f"Switch to keyset pagination, as `{short(keyset.function)}` does: "
            if keyset is not None and keyset.function
            else "Switch to keyset pagination: ")
    text = (head + f"return the last `{order}` of each page as the cursor and filter on it; keep the old parameters "
            "working by accepting either for one release.\n\n")
    table = data.schema.tables.get(stmt.tables[0]) if stmt.tables else None
    if stmt.source == "orm" and table is not None and table.model:
        model = table.model.rsplit(".", 1)[-1]
        key = next((i.columns[0] for i in data.schema.indexes_of(table.name) if i.kind == "primary"), "id")
        attr, key_attr = (table.columns[c].attr or c if c in table.columns else c for c in (order, key))
        return text + (f"    stmt = stmt.where({model}.{attr} < cursor).order_by({model}.{attr}.desc(), "
                       f"{model}.{key_attr}.desc()).limit(page_size)")
    return text + f"    ... WHERE <filters> AND {order} < $cursor ORDER BY {order} DESC, id DESC LIMIT $limit"
