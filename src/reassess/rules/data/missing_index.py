"""RA205 missing-index: a query filters a table on columns no declared index can serve."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

from ...findings import Finding, Location
from ...model.data import DataModel, of_context
from ...model.resilience import blocks as blk
from ...model.resilience.trace import argument_for
from ...model.statements import ColumnUse, Statement, is_migration_path
from ..api import ProjectContext, Rule, register
from ._common import (TIMESTAMP, live_statements, looks_like_lookup, request_of, requests_reaching, rewritable,
                      short, table_location)
from ._keys import UnservedSort, unserved_sort

_EQUALITY = ("=", "in", "any", "is-null")
_LOW_CARDINALITY = ("BOOLEAN", "BOOL")
_ENUM_LIKE = re.compile(r"(^|_)(status|state|kind|type|stage|phase)$")


class _Hit(NamedTuple):
    """A query's own unserved tests and the index columns that would serve it; for a refinement
    of an unserved base (`query = query.filter(...)`), the base's tests lead those columns."""

    stmt: Statement
    uses: list[ColumnUse]
    columns: list[str]

    def note(self, table: str) -> str:
        if self.columns[0] not in {u.column for u in self.uses}:
            return f"narrows a query on `{self.columns[0]}` by {_cols(self.uses)}: one index serves both"
        return f"also filters `{table}` on {_cols(self.uses)} without an index"


@dataclass
class _Gap:
    """Queries that filter one table (or, for lookup tables, one column) without an index."""

    key: str
    hits: list[_Hit] = field(default_factory=list)
    lookup: bool = False  # small configuration tables, grouped by column

    @property
    def tables(self) -> list[str]:
        return sorted({u.table for hit in self.hits for u in hit.uses})

    def proposals(self) -> list[tuple[str, list[str]]]:
        """(table, index columns) per distinct leading column, in the order first seen."""
        seen: dict[tuple[str, str], list[str]] = {}
        for hit in _ordered(self.hits):
            seen.setdefault((hit.uses[0].table, hit.columns[0]), hit.columns)
        return [(table, columns) for (table, _), columns in seen.items()]


@register
class MissingIndex(Rule):
    """A query that filters a table by columns that no declared index can serve.

    What it finds:
        SQL in the code (and SQLAlchemy `where`/`filter`/`filter_by` chains on mapped classes)
        whose WHERE tests a table only on columns that are not the leading column of any
        index, primary key or unique constraint declared for it: in SQL files (`CREATE INDEX`,
        `PRIMARY KEY`, `UNIQUE`), in ORM models (`index=True`, `unique=True`,
        `primary_key=True`, `Index(...)` / `UniqueConstraint(...)` in `__table_args__`) and in
        Alembic migrations (`op.create_index`, `op.create_table`, `op.add_column`). A query
        is not reported when any of its tests can use an index, when it uses `OR` (unless every
        test is on one column: `last_counted_at IS NULL OR last_counted_at < $1`), when the
        table's indexes cannot all be read (computed `__table_args__`, an expression we cannot
        name), for boolean-only or `<>` tests, or in tests, migrations and scripts. A key matched
        against a subquery (`WHERE id IN (SELECT id FROM t WHERE ...)`) serves nothing until the
        subquery has found its rows: the subquery's own tests are judged. A plain partial index (whose
        predicate is not read) counts as serving a query whose unserved tests only pick rows by a
        status-like value (`WHERE status = 'pending'`): that is most likely its predicate. A partial index
        whose predicate is written out (`postgresql_where="rated = false"`) serves SQL text only when
        the query tests the predicate's columns too. An index on a
        status-like column (`status`, `state`, `kind`, `type`) does not count as serving an
        equality lookup on another column (`WHERE phone = $1 AND status IN (...)`), nor a time window
        on another column (`WHERE status = 'active' AND expires_at <= $1`). A query built
        in steps (`query = query.filter(...)` under optional arguments) is one query: a step keeps
        the joins and filters before it, and the steps of an unserved query are listed with it; a
        base whose optional step every caller enables (`if path:` with `path` always passed) never
        runs alone and is judged with that step. One
        finding per index to add (every query it would serve as a related location); small
        lookup tables (no timestamp columns) filtered on the same column are grouped into
        one low finding.

    Why it matters:
        Without an index the database reads the whole table for every execution; the query gets
        slower as the table grows and competes for I/O with everything else on the database.

    Example:
        SELECT id, ... FROM orders WHERE status = $1 AND created_at < $2 LIMIT $3
        -- orders has indexes on (id) and (user_id, created_at) only

    Instead:
        Add an index that leads with the equality column, then the range column, in a
        migration (CONCURRENTLY avoids locking writes):

            CREATE INDEX CONCURRENTLY idx_orders_status_created_at ON orders (status, created_at);
    """

    id = "RA205"
    name = "missing-index"
    category = "missing-index"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.5
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        ctx.examine("tables", len(data.schema.tables))
        ctx.examine("indexes", len(data.schema.indexes))
        statements = live_statements(data)
        ctx.examine("queries", sum(1 for s in data.statements if s.kind in ("select", "insert", "update", "delete")))
        gaps: dict[str, _Gap] = {}
        sorts: dict[tuple[str, tuple[str, ...], str], list[tuple[Statement, UnservedSort]]] = {}
        by_function = _by_function(statements)
        found: list[tuple[Statement, str, list[ColumnUse]]] = []
        for stmt in statements:
            refined = _always_refined(ctx.model, data, stmt, by_function.get(stmt.function, []))
            unserved = {} if refined else _unserved(data, stmt)
            found.extend((stmt, table, uses) for table, uses in unserved.items())
            sort = None if unserved or stmt.has_or else unserved_sort(stmt, data.schema)
            if sort is not None and not looks_like_lookup(data, sort.table):
                sorts.setdefault((sort.table, sort.fixed, sort.order.column), []).append((stmt, sort))
        tested = _equality_counts(data, found)
        for stmt, table, uses in found:
            _add_gap(data, gaps, stmt, table, uses, tested)
        _fold_wrapped(gaps)
        requests = requests_reaching(ctx)
        for key in sorted(gaps):
            gap = gaps[key]
            yield self._lookups(data, gap) if gap.lookup and len(gap.tables) > 1 else self._finding(data, gap, requests)
        for key in sorted(sorts):
            yield self._sort_finding(data, sorted(sorts[key], key=lambda h: (h[0].path, h[0].line)), requests)

    def _sort_finding(self, data: DataModel, hits: list[tuple[Statement, UnservedSort]], requests: dict) -> Finding:
        """Top-N queries whose filter has an index but whose sort column does not follow it."""
        stmt, sort = hits[0]
        table, column = sort.table, sort.order.column
        proposal = list(sort.fixed) + [column]
        have = ", ".join(dict.fromkeys(f"({', '.join(i.columns)})" for i in data.schema.indexes_of(table)))
        where = f"`{short(stmt.function)}`" if stmt.function else "a module-level query"
        entry = next((e for e in (request_of(requests, data, s) for s, _ in hits) if e is not None), None)
        fixed = ", ".join(f"`{c}`" for c in sort.fixed)
        others = f" {len(hits) - 1} more quer{'y sorts' if len(hits) == 2 else 'ies sort'} the same way." \
            if len(hits) > 1 else ""
        description = (
            f"{where} reads the first rows of `{table}` for one {fixed} in `{column}` order "
            f"(ORDER BY with a LIMIT), but "
            f"the index built for ordered reads of that group keeps it in `{sort.serves}` order and no index holds "
            f"`{column}` right after {fixed} (declared: {have}). The database finds the group through the index, then "
            f"reads and sorts all of its rows to return the first few; the cost grows with every row the group "
            f"gains.{others}"
            + (f" Reached from {entry.name.strip()}." if entry is not None else "")
        )
        related = [Location(s.path, u.order.line, u.order.line, f"also sorts `{table}` by `{column}`")
                   for s, u in hits[1:8]]
        related.extend(table_location(data, table))
        return self.finding(Location(stmt.path, sort.order.line, sort.order.line),
                            f"Index on `{table}` does not serve ORDER BY {column} after {', '.join(sort.fixed)}",
                            description, severity="HIGH" if entry is not None else "MEDIUM", related=related,
                            recommendation=_sort_recommendation(data, sort, proposal),
                            extra={"table": table, "columns": proposal})

    def _lookups(self, data: DataModel, gap: _Gap) -> Finding:
        """Small configuration tables filtered on the same column: one low-priority finding."""
        hits = sorted(gap.hits, key=lambda h: (h.stmt.path, h.stmt.line))
        first: dict[str, tuple[Statement, list[ColumnUse]]] = {}
        for hit in hits:
            first.setdefault(hit.uses[0].table, (hit.stmt, hit.uses))
        column = gap.key.lstrip("*")
        related = [_where(s, us, f"filters `{us[0].table}` on `{column}`") for s, us in list(first.values())[1:12]]
        names = ", ".join(f"`{t}`" for t in gap.tables)
        description = (
            f"{len(gap.tables)} tables are filtered on `{column}` with no index that leads with it: {names}. They "
            f"look like small configuration tables (no timestamp columns), so the scans are cheap while they stay "
            f"small; an index per table keeps them cheap as they grow."
        )
        return self.finding(_where(hits[0].stmt, hits[0].uses), f"No index on `{column}` in {len(gap.tables)} lookup tables",
                            description, severity="LOW", related=related,
                            recommendation=_recommendation(data, gap.proposals()[:4]),
                            extra={"tables": gap.tables, "columns": [column]})

    def _finding(self, data: DataModel, gap: _Gap, requests: dict) -> Finding:
        hits = _ordered(gap.hits)
        table = gap.tables[0]
        stmt, uses = hits[0].stmt, hits[0].uses
        related = [_where(hit.stmt, hit.uses, hit.note(table)) for hit in hits[1:8]]
        related.extend(table_location(data, table))
        where = f"`{short(stmt.function)}`" if stmt.function else "a module-level query"
        entry = next((e for e in (request_of(requests, data, h.stmt) for h in hits) if e is not None), None)
        have = ", ".join(dict.fromkeys(f"({', '.join(i.columns)})" for i in data.schema.indexes_of(table))) or "none"
        proposals = gap.proposals()
        leads = [columns[0] for _, columns in proposals]
        others = (f" {len(hits) - 1} more quer{'y filters' if len(hits) == 2 else 'ies filter'} `{table}` "
                  "without an index." if len(hits) > 1 else "")
        description = (
            f"{where} filters `{table}` on {_cols(uses)}, but no index declared for `{table}` leads with "
            f"{' or '.join(f'`{u.column}`' for u in _unique(uses))} (declared: {have}). The database reads the whole "
            f"table for each execution.{others}"
            + (f" Reached from {entry.name.strip()}." if entry is not None else "")
        )
        severity = "HIGH" if entry is not None and any(h.stmt.kind == "select" for h in hits) else "MEDIUM"
        shown = proposals[0][1] if len(proposals) == 1 else leads[:4]
        title = f"No index for `{table}` filtered by {', '.join(shown)}" + ("..." if len(leads) > 4 else "")
        return self.finding(_where(stmt, uses), title, description, severity=severity, related=related,
                            recommendation=_recommendation(data, proposals[:4]),
                            extra={"table": table, "columns": leads})


def _equality_counts(data: DataModel, found: list[tuple[Statement, str, list[ColumnUse]]]) -> dict[tuple[str, str], int]:
    """(table, column) -> how many of the unserved queries test that column alone for equality: an
    index led by it serves them, and a query adding a second column (`toolkit_id = ? AND key = ?`,
    in either order) through the same index."""
    counts: dict[tuple[str, str], int] = {}
    for stmt, table, uses in found:
        columns = {u.column for u in _base_uses(data, stmt, table) + uses if u.op in _EQUALITY}
        if len(columns) == 1:
            key = (table, columns.pop())
            counts[key] = counts.get(key, 0) + 1
    return counts


def _add_gap(data: DataModel, gaps: dict[str, _Gap], stmt: Statement, table: str, uses: list[ColumnUse],
             counts: dict[tuple[str, str], int]) -> None:
    """File the statement's unserved tests of `table` under the index that would serve them
    (for lookup tables, under the column); a test only on a column wrapped in a function is
    RA214's, which asks for the rewrite first."""
    lookup = looks_like_lookup(data, table)
    tested = _base_uses(data, stmt, table) + uses
    if not lookup and all(map(rewritable, tested)):
        return
    columns = _proposal(tested, {c: n for (t, c), n in counts.items() if t == table})  # one finding per index
    key = f"*{columns[0]}" if lookup else f"{table}." + ("~" if all(u.wrapped for u in tested) else columns[0])
    gaps.setdefault(key, _Gap(key, lookup=lookup)).hits.append(_Hit(stmt, uses, columns))


def _fold_wrapped(gaps: dict[str, _Gap]) -> None:
    """Tests only on a wrapped column (`to_char(created_at, ...)`) need a rewrite before any
    index helps: they join another finding on their table when there is one."""
    for key in [k for k in gaps if k.endswith(".~")]:
        table = key[:-2]
        other = next((g for k, g in sorted(gaps.items()) if k.startswith(f"{table}.") and k != key), None)
        if other is not None:
            other.hits.extend(gaps.pop(key).hits)


def _sort_recommendation(data: DataModel, sort: UnservedSort, proposal: list[str]) -> str:
    text = _recommendation(data, [(sort.table, proposal)])
    key = next((i.columns[0] for i in data.schema.indexes_of(sort.table) if i.kind == "primary"), "")
    if sort.serves == key:
        text += (f"\n\nOr, when `{key}` grows with insertion time, order by `{key}` instead of "
                 f"`{sort.order.column}`: the existing index already returns the group in that order.")
    return text


def _ordered(hits: list[_Hit]) -> list[_Hit]:
    """Queries testing bare columns first: the proposed index serves them as written, while a
    test only on `to_char(created_at, ...)` needs its predicate rewritten before any index helps."""
    return sorted(hits, key=lambda h: (all(u.wrapped for u in h.uses), h.stmt.path, h.stmt.line))


def _where(stmt: Statement, uses: list[ColumnUse], note: str = "") -> Location:
    return Location(stmt.path, min(u.line for u in uses), max(u.line for u in uses), note)


def _unserved(data: DataModel, stmt: Statement) -> dict[str, list[ColumnUse]]:
    """Tables this statement tests only on columns without a usable index."""
    if not _checkable(stmt):
        return {}
    schema = data.schema
    by_table: dict[str, list[ColumnUse]] = {}
    driver = _driving_table(stmt)
    served: set[str] = set()
    coarse: set[str] = set()  # tables whose only indexed test is on a status-like column
    for use in stmt.inherited:  # a step's base (`stmt = select(T).where(T.status == ...)`) tested first
        if schema.covering(use.table, use.column, stmt) is not None:
            (coarse if _broad(schema, stmt, use) else served).add(use.table)
    served |= {use.table for use in [*stmt.uses, *stmt.base_joins]  # reached through the join
               if use.clause == "join" and use.table != driver}
    for use in stmt.where_uses():
        if not use.table or use.nested or not (use.single_table or use.table == driver):
            continue
        table = schema.tables.get(use.table)
        if table is None or use.column not in table.columns:
            continue
        if use.subquery:
            continue  # `id IN (SELECT id ... WHERE ...)`: the key only fetches the rows the subquery's tests find
        if schema.covering(use.table, use.column, stmt) is not None:
            (coarse if _broad(schema, stmt, use) else served).add(use.table)
        elif _wants_index(table, use):
            by_table.setdefault(use.table, []).append(use)
    return {t: uses for t, uses in by_table.items() if t not in served and schema.knows_indexes(t)
            and (t not in coarse or (_selective(uses) or _time_window(schema, uses)) and not _in_composite(schema, t, uses))
            and not _partial_for(schema, t, uses)}


def _partial_for(schema, table: str, uses: list[ColumnUse]) -> bool:
    """The unserved tests only pick rows by a status-like value (`WHERE status = 'pending'`) and the
    table has a plain partial index: its predicate (which is not read) is most likely that test, the
    usual index of a queue's pending rows (`ON outbox (created_at) WHERE status = 'pending'`). A
    unique partial index is a constraint on live rows (`WHERE deleted_at IS NULL`), not a reading
    path for a status."""
    return all(u.op in ("=", "in") and _ENUM_LIKE.search(u.column) for u in uses) and any(
        index.partial and index.kind == "index" for index in schema.indexes_of(table))


def _by_function(statements: list[Statement]) -> dict[str, list[Statement]]:
    """The statements of each function, in the given order (a base's refining steps are its function's)."""
    grouped: dict[str, list[Statement]] = {}
    for stmt in statements:
        grouped.setdefault(stmt.function, []).append(stmt)
    return grouped


def _always_refined(model, data: DataModel, stmt: Statement, same_function: list[Statement]) -> bool:
    """`query = ...filter(ts >= t)` then `if path: query = query.filter(path == p)`, where every
    call of the function passes `path`: the base never runs alone, and the step that always
    follows it has an index. (A step some callers skip leaves the base to be judged alone.)"""
    if not stmt.function or stmt.function not in model.functions:
        return False
    func = model.functions[stmt.function][1]
    callers = [(e.site, model.functions[e.caller][1]) for e in model.callers.get(stmt.function, ())]
    for step in same_function:
        if step.line <= stmt.line or _unserved(data, step) or \
                not all(any(u is v for v in step.inherited) for u in stmt.where_uses()):
            continue
        if _always_taken(func, step.line, callers):
            return True
    return False


def _always_taken(func, line: int, callers: list) -> bool:
    """`line` sits under an `if path:` on parameters that every call passes a value for."""
    params = {p.name for p in func.params}
    for block in blk.ifs(func):
        tested = set(block.get("present", ()))
        if blk.inside(block, line) and tested and tested <= params and callers \
                and all(_passes(site, func, name, caller) for site, caller in callers for name in tested):
            return True
    return False


def _passes(site, func, name: str, caller) -> bool:
    """The call passes a value for parameter `name`: not a literal None or empty one, nor an
    optional parameter of the caller handed on (`category: str | None`)."""
    value, given = argument_for(site, func, name, False)
    ref = value.get("ref") if isinstance(value, dict) else None
    handed = next((p for p in caller.params if p.name == ref), None)
    optional = handed is not None and ("None" in handed.annotation or "Optional" in handed.annotation
                                       or handed.has_default and handed.default is None)
    return given and value not in (None, "", 0, False) and not optional


def _wants_index(table, use: ColumnUse) -> bool:
    """A test an index on its column would serve: not `IS NULL`, not on a boolean."""
    return use.indexable and use.op != "is-null" and table.columns[use.column].sql_type.upper() not in _LOW_CARDINALITY


def _base_uses(data: DataModel, stmt: Statement, table: str) -> list[ColumnUse]:
    """The tests on `table` a refinement inherits that no index serves: when its base is unserved,
    the refinement is the same query with one more condition, served by the base's index."""
    schema, known = data.schema, data.schema.tables[table]
    return [u for u in stmt.inherited if u.table == table and not u.nested and u.column in known.columns
            and schema.covering(table, u.column, stmt) is None and _wants_index(known, u)]


def _checkable(stmt: Statement) -> bool:
    """A select, update or delete whose tables are known and whose `OR`s (if any) test one column."""
    if stmt.kind not in ("select", "update", "delete") or stmt.dynamic or stmt.base_unknown:
        return False
    return not stmt.has_or or _one_column(stmt)


def _broad(schema, stmt: Statement, use: ColumnUse) -> bool:
    """An indexed test that matches much of the table: a status-like column, `parent_id IS NULL`
    (the top-level rows) or an open time range; the index hardly narrows it."""
    return bool(_ENUM_LIKE.search(use.column)) or use.op == "is-null" or _open_time_range(schema, stmt, use)


def _driving_table(stmt: Statement) -> str:
    """In a join, the one table every WHERE test is on: the planner has nothing to start from but
    that table's own filter (the tables joined to it are read through it, not the reverse), so an
    index on its join column does not spare it a full scan. "" for a single table, when
    another table is filtered too (the plan may start there and reach it through the join), and
    for ORM chains, which callers often go on filtering (`select(...).join(...)` handed out)."""
    if not stmt.joins or stmt.inherited or stmt.source == "orm":
        return ""
    tables = {u.table for u in stmt.where_uses() if not u.nested}
    return next(iter(tables)) if len(tables) == 1 and "" not in tables else ""


def _open_time_range(schema, stmt: Statement, use: ColumnUse) -> bool:
    """`ts >= $2` alone on a timestamp column: everything since (or before) a point, a large
    share of an event table, so its index does not make an equality lookup on another column
    cheap. A bounded window (`ts >= $1 AND ts < $2`, BETWEEN) is left as served."""
    if not _time_range(schema, use):
        return False
    return sum(1 for u in stmt.where_uses() if u.table == use.table and u.column == use.column) == 1


def _one_column(stmt: Statement) -> bool:
    """Every WHERE test is on the same column (`last_counted_at IS NULL OR last_counted_at < $1`):
    the OR only widens that column's range, so an index on it serves the query as a whole."""
    return len({(u.table, u.column) for u in stmt.where_uses() if not u.nested}) == 1


def _in_composite(schema, table: str, uses: list[ColumnUse]) -> bool:
    """An index led by the status-like column also holds a tested column (`(entity_type, entity_id)`)."""
    columns = {u.column for u in uses}
    return any(columns & set(index.columns[1:]) for index in schema.indexes_of(table))


def _selective(uses: list[ColumnUse]) -> bool:
    """An equality test on an identifying column (`phone = $1`): an index on a status-like
    column matches a large share of the table, so it does not make that lookup cheap."""
    return any(u.op in ("=", "in", "any") and not _ENUM_LIKE.search(u.column) and not u.wrapped for u in uses)


def _time_window(schema, uses: list[ColumnUse]) -> bool:
    """A range test on a time column (`expires_at <= horizon`, `run_at < now()`): the rows due in a
    window are a small share of the rows in one status (`status = 'active'` is most of the table),
    so an index on the status does not find them cheaply."""
    return any(_time_range(schema, u) and not u.wrapped for u in uses)


def _time_range(schema, use: ColumnUse) -> bool:
    """A range test (`<`, `>=`, BETWEEN) on a column the schema types as a time, or named like one
    (`expires_at`): one shape both the open range and the due window are told by."""
    return use.op == "range" and (schema.is_time_column(use.table, use.column) or bool(TIMESTAMP.search(use.column)))


def _unique(uses: list[ColumnUse]) -> list[ColumnUse]:
    seen: dict[str, ColumnUse] = {}
    for use in uses:
        seen.setdefault(use.column, use)
    return list(seen.values())


def _proposal(uses: list[ColumnUse], counts: dict[str, int] | None = None) -> list[str]:
    """Index columns in the order that serves the query: equality tests, then ranges. Among the
    equality columns, the one most other queries on the table test alone leads (`(toolkit_id, key)`
    serves `toolkit_id = ? AND key = ?` written in either order and `toolkit_id = ?` alone): queries
    that only name the same columns in another order then share one finding and one index. A status-like
    column (`status`, `state`, `kind`) matches much of the table whatever the query: it follows the others."""
    counts = counts or {}

    def rank(use: ColumnUse) -> tuple:
        if use.op not in _EQUALITY:
            return (1, 0, 0, uses.index(use))
        enum_like = bool(counts) and bool(_ENUM_LIKE.search(use.column))
        return (0, enum_like, 0 if enum_like else -counts.get(use.column, 0), uses.index(use))
    ordered = sorted(_unique(uses), key=rank)
    return [u.column for u in ordered][:3]


def _cols(uses: list[ColumnUse]) -> str:
    return ", ".join(f"`{u.column}`" + (f" ({u.op})" if u.op not in ("=",) else "") for u in _unique(uses))


def _recommendation(data: DataModel, proposals: list[tuple[str, list[str]]]) -> str:
    """Index declarations in the form the project uses for the table: ORM, Alembic or SQL."""
    table = data.schema.tables.get(proposals[0][0])
    taken = {index.name for index in data.schema.indexes if index.name}
    named = [(t, cols, _free_name(f"ix_{t}_{'_'.join(cols)}", taken)) for t, cols in proposals]
    if table is not None and table.source == "orm" and table.model:
        body = "\n".join(f"    Index(\"{name}\", {_quoted(cols)}),  # on {short(data.schema.tables[t].model, 1) or t}"
                         for t, cols, name in named)
        ops = "\n".join(f"    op.create_index(\"{name}\", \"{t}\", [{_quoted(cols)}], postgresql_concurrently=True)"
                        for t, cols, name in named)
        serves = "one index serves every query listed here" if len({t for t, _, _ in named}) == 1 else \
            "one index per table"
        return (f"Declare the index in the model's `__table_args__` and create it in a migration ({serves}):\n\n"
                f"{body}\n\n    # Alembic (inside `with op.get_context().autocommit_block():`)\n{ops}")
    if table is not None and table.source == "alembic":
        ops = "\n".join(f"    op.create_index(\"{name}\", \"{t}\", [{_quoted(cols)}], postgresql_concurrently=True)"
                        for t, cols, name in named)
        return f"Add the index in a new migration:\n\n{ops}"
    if table is not None and table.source == "python-sql" and table.path and not is_migration_path(table.path):
        return _beside_create_table(table, named)
    sql = "\n".join(f"    CREATE INDEX CONCURRENTLY {name} ON {t} ({', '.join(cols)});" for t, cols, name in named)
    where = f" (the table is declared in `{table.path}`)" if table is not None and table.path else ""
    return (f"Add the index in a new migration{where}; CONCURRENTLY builds it without blocking writes, and "
            f"equality columns come before range columns:\n\n{sql}")


def _beside_create_table(table, named: list[tuple[str, list[str], str]]) -> str:
    """The application creates the table itself (`CREATE TABLE IF NOT EXISTS` run from its code, no
    migrations): the index belongs beside that statement, created the same way."""
    sql = "\n".join(f"    CREATE INDEX IF NOT EXISTS {name} ON {t} ({', '.join(cols)});" for t, cols, name in named)
    return (f"The application creates `{table.name}` itself ({table.path}:{table.line}): create the index right "
            "after it, the same way, so new and existing databases get it (on PostgreSQL, build it `CONCURRENTLY` "
            "outside a transaction once the table holds data); equality columns come before range columns:\n\n"
            f"{sql}")


def _free_name(name: str, taken: set[str]) -> str:
    """`name`, or `name_1`, `name_2`... when an index of the project already bears it (a
    composite index is often named after a column it does not lead with)."""
    candidate, number = name, 0
    while candidate in taken:
        number += 1
        candidate = f"{name}_{number}"
    return candidate


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)
