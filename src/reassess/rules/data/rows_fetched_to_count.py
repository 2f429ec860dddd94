"""RA241 slow-query: every matching row loaded only to count them (`len(result.scalars().all())`)."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ...model.app import is_test_path
from ...model.sqlparse import parse_one
from ..api import FileContext, Rule, register

_EXECUTORS = frozenset({"execute", "scalars"})  # SQLAlchemy session / connection calls that run a statement
_BUFFERS = frozenset({"all", "fetchall"})  # `result.all()`, `result.scalars().all()`, `cursor.fetchall()`
_VIEWS = frozenset({"scalars", "unique", "mappings"})  # result views that keep one value per row
_RAW_FETCHES = frozenset({"fetch", "fetch_all"})  # asyncpg `conn.fetch(sql)`, databases `fetch_all(sql)`
# chained clauses after which the rows are no longer "every match, one per row" (or already few)
_BOUNDING = frozenset({"limit", "slice", "group_by", "distinct", "having", "returning", "with_only_columns"})


@register
class RowsFetchedToCount(Rule):
    """Every matching row fetched only so that `len()` can count them.

    What it finds:
        A query result buffered as a list and only measured with `len()`: `len((await
        session.execute(stmt)).scalars().all())`, or the result bound to a local used nowhere
        else (`rows = await session.execute(select(Match).where(...))`, then `return
        len(rows.scalars().all())`), or `len(await conn.fetch("SELECT * FROM ..."))`. The
        statement is an ORM `select()` of whole mapped entities (`select(Match)`) or a raw
        `SELECT`, with no `LIMIT`, aggregate, `GROUP BY`, `DISTINCT` or `RETURNING`. Cited at the
        call that runs the query, down to the `len()` when that comes on a later line. Not
        reported: a count of the rows an `UPDATE ... RETURNING` changed, a bounded fetch
        (`limit(2)` to test uniqueness), and rows used for anything besides their number.

    Why it matters:
        The database finds the rows, sends every one over the wire and the driver builds an
        object per row (for the ORM, with identity-map bookkeeping) just to throw them away after
        counting: work and memory grow with the table, where `COUNT(*)` returns one number,
        often from an index alone.

    Example:
        rows = await session.execute(select(Match).where(Match.season_id == season_id))
        return len(rows.scalars().all())

    Instead:
        Count in the database:

            stmt = select(func.count()).select_from(Match).where(Match.season_id == season_id)
            return (await session.execute(stmt)).scalar_one()
    """

    id = "RA241"
    name = "rows-fetched-to-count"
    category = "slow-query"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        wanted = _worth_walking(ctx.facts)
        if is_test_path(ctx.path) or not wanted:
            return
        for func in ast.walk(ctx.tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and func.lineno in wanted:
                for counted, run, statement in _counted_queries(func):
                    yield self._finding(ctx, func, counted, run, statement)

    def _finding(self, ctx: FileContext, func: ast.AST, counted: ast.Call, run: ast.Call, statement: str) -> Finding:
        description = (f"`{func.name}` runs `{statement}` and only takes `len()` of the rows it returns: every "
                       "matching row is sent by the database and built into an object by the driver just to be "
                       "counted, so the call slows down and uses memory in proportion to the table.")
        return self.finding(
            ctx.loc(run, counted if counted.lineno > run.lineno else None),
            f"`{func.name}` loads every matching row only to count them", description,
            recommendation="Count in the database: `select(func.count()).select_from(Model).where(...)` with "
                           "`scalar_one()` (raw SQL: `SELECT count(*) ... ` with `fetchval`).")


def _worth_walking(facts) -> set[int]:
    """Lines of the functions whose own calls include `len()` and a query run: the only ones
    whose trees are worth walking (the facts already list every function's calls)."""
    runs = _EXECUTORS | _RAW_FETCHES
    wanted = set()
    for func in facts.functions.values():
        names = {site.func[-1] for site in func.calls if site.func}
        if "len" in names and names & runs:
            wanted.add(func.line)
    return wanted


def _counted_queries(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[ast.Call, ast.Call, str]]:
    """(the `len()` call, the call running the query, the statement's source) for each `len()` of a
    buffered result."""
    bound, loads = _locals(func)
    for node in own_nodes(func.body):  # nested functions and classes are judged on their own
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
                and len(node.args) == 1 and not node.keywords:
            run = _query_run(_single_use(node.args[0], bound, loads), bound, loads)
            statement = _unbounded_statement(run, bound) if run is not None else None
            if statement is not None:
                yield node, run, statement


def _locals(func: ast.AST) -> tuple[dict[str, ast.expr], dict[str, int]]:
    """Names bound exactly once in `func` (to their value) and how often each name is read."""
    values: dict[str, list[ast.expr]] = {}
    loads: dict[str, int] = {}
    for node in ast.walk(func):  # nested functions too: a closure's read is a use, its binding no plain one
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            values.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.withitem)):
            target = node.optional_vars if isinstance(node, ast.withitem) else node.target
            for name in ast.walk(target) if target is not None else ():
                if isinstance(name, ast.Name):
                    values.setdefault(name.id, []).extend([None, None])  # not a single plain binding
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads[node.id] = loads.get(node.id, 0) + 1
    return {name: found[0] for name, found in values.items() if len(found) == 1}, loads


def _single_use(expr: ast.expr, bound: dict[str, ast.expr], loads: dict[str, int]) -> ast.expr:
    """A local read only here stands for the value it was bound to."""
    if isinstance(expr, ast.Name) and loads.get(expr.id) == 1 and expr.id in bound:
        return bound[expr.id]
    return expr


def _query_run(expr: ast.expr, bound: dict[str, ast.expr], loads: dict[str, int]) -> ast.Call | None:
    """The awaited call running the query whose whole result `expr` buffers: `X.all()` /
    `X.scalars().all()` on an executed statement, or a raw `await conn.fetch(sql)`."""
    if isinstance(expr, ast.Await) and isinstance(expr.value, ast.Call) and _method(expr.value) in _RAW_FETCHES:
        return expr.value
    if not (isinstance(expr, ast.Call) and _method(expr) in _BUFFERS and not expr.args and not expr.keywords):
        return None
    base = expr.func.value
    while isinstance(base, ast.Call) and _method(base) in _VIEWS and not base.args and not base.keywords:
        base = base.func.value
    base = _single_use(base, bound, loads)
    if isinstance(base, ast.Await) and isinstance(base.value, ast.Call) and _method(base.value) in _EXECUTORS:
        return base.value
    return None


def _method(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def _unbounded_statement(run: ast.Call, bound: dict[str, ast.expr]) -> str | None:
    """The statement's source when it selects every matching row: an ORM `select()` of whole
    entities with no bounding clause, or a raw SELECT literal without one; else None."""
    if not run.args:
        return None
    statement = run.args[0]
    if isinstance(statement, ast.Name) and statement.id in bound:
        statement = bound[statement.id]
    if isinstance(statement, ast.Constant) and isinstance(statement.value, str):
        parsed = parse_one(statement.value)
        if parsed.kind == "select" and not (parsed.limit or parsed.aggregate_only or parsed.group_by
                                            or parsed.distinct):
            return " ".join(statement.value.split())[:80]
        return None
    return ast.unparse(statement)[:80] if _whole_entity_select(statement) else None


def _whole_entity_select(node: ast.expr) -> bool:
    """`select(Match).where(...).order_by(...)`: a chain rooted at `select(Entity, ...)` whose
    arguments are all class names (whole mapped rows), with no bounding clause in the chain."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr != "select":
        if node.func.attr in _BOUNDING:
            return False
        node = node.func.value
    if not (isinstance(node, ast.Call) and node.args and not node.keywords):
        return False
    name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr \
        if isinstance(node.func, ast.Attribute) else ""
    return name == "select" and all(isinstance(arg, ast.Name) and arg.id[:1].isupper() for arg in node.args)
