"""Queries as the code writes them: SQL strings (in Python and in .sql files) and ORM query
chains, each reduced to the tables it touches and the columns it tests, orders and joins
by, with the line of every use, so that index and slow-query rules read one shape."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..facts.querychain import like_kind_of
from ..facts.types import FunctionFacts, ModuleFacts
from .app import is_test_path
from .schema import Schema
from .sqlparse import INDEXABLE_OPS, ParsedSql, parse

if TYPE_CHECKING:
    from .project import ProjectModel

_BATCH_SQL = re.compile(r"=\s*ANY\s*\(|\bunnest\s*\(|\bIN\s*\(\s*(\$\d+|%s|%\(\w+\)s|:\w+|\?)\s*\)|"
                        r"\bIN\s+(\$\d+|%s|:\w+)|\bCOPY\b", re.I)
_SINGLE_ROW_METHODS = frozenset({"first", "one", "one_or_none", "scalar", "scalar_one", "scalar_one_or_none",
                                 "get", "exists", "count"})
_MIGRATION_PATHS = re.compile(r"(^|/)(migrations?|alembic|versions|revisions)(/|$)")
_TOOLING_PATHS = re.compile(r"(^|/)(scripts?|bin|tools|management/commands|cli|commands|manage\.py|cli\.py|"
                            r"seeds?|fixtures)(/|$)")


@lru_cache(maxsize=65536)
def is_migration_path(path: str) -> bool:
    return bool(_MIGRATION_PATHS.search(path))


@lru_cache(maxsize=65536)
def is_tooling_path(path: str) -> bool:
    """Command-line tools, scripts and seed data: run by hand, not on the request path."""
    return bool(_TOOLING_PATHS.search(path))


def is_served_path(path: str) -> bool:
    """A file of the served code: not a test, a migration or tooling."""
    return not (is_test_path(path) or is_migration_path(path) or is_tooling_path(path))


@dataclass(frozen=True, slots=True)
class ColumnUse:
    """`table.column` used by a statement: how (op), where (clause) and on which line."""

    table: str
    column: str
    op: str  # see sqlparse.Predicate.op; "order" for ORDER BY
    clause: str  # "where", "join", "having", "order"
    line: int
    wrapped: str = ""
    nested: bool = False
    single_table: bool = True  # the only table of its query block
    subquery: bool = False  # `id IN (SELECT ...)`: the rows come from the subquery's own tests

    @property
    def indexable(self) -> bool:
        return self.op in INDEXABLE_OPS


@dataclass
class Statement:
    """One query: where it is written, what it reads and how."""

    path: str
    line: int
    end_line: int
    function: str  # fq of the enclosing function, "" at module level or in a .sql file
    source: str  # "python", "sql-file", "orm"
    kind: str  # select, insert, update, delete, create_table, create_index, alter_table, other
    text: str = ""
    tables: list[str] = field(default_factory=list)
    uses: list[ColumnUse] = field(default_factory=list)
    limit: bool = False
    single_row: bool = False
    offset_line: int = 0
    star_line: int = 0
    random_order_line: int = 0  # `ORDER BY random()`: every row the filters leave is shuffled
    has_or: bool = False
    joins: bool = False
    aggregate_only: bool = False
    group_by: bool = False
    distinct: bool = False
    dynamic: bool = False
    batch: bool = False  # reads or writes many keys in one statement (= ANY($1), IN (...), unnest, COPY)
    methods: tuple[str, ...] = ()  # ORM chain methods
    inherited: list[ColumnUse] = field(default_factory=list)  # filters of the chain this one continues
    base_joins: list[ColumnUse] = field(default_factory=list)  # join conditions of that chain (not filters)
    base_unknown: bool = False  # built on a statement whose filters cannot be read
    unresolved_filters: bool = False  # some column tests name no mapped class we know (`self.model.x`)

    def where_uses(self) -> list[ColumnUse]:
        return [u for u in self.uses if u.clause == "where"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "line": self.line, "end_line": self.end_line, "function": self.function,
            "source": self.source, "kind": self.kind, "tables": list(self.tables),
            "where_columns": [{"table": u.table, "column": u.column, "op": u.op, "line": u.line}
                              for u in self.uses if u.clause in ("where", "having")],
            "join_columns": [{"table": u.table, "column": u.column, "line": u.line}
                             for u in self.uses if u.clause == "join"],
            "order_by": [{"table": u.table, "column": u.column, "line": u.line}
                         for u in self.uses if u.clause == "order"],
            "columns": sorted({f"{u.table}.{u.column}" if u.table else u.column for u in self.uses}),
            "limit": self.limit or self.single_row, "offset": bool(self.offset_line),
            "select_star": bool(self.star_line), "dynamic": self.dynamic, "batch": self.batch,
        }


_PIECE = re.compile(r"""\s*([rRbBuUfF]{0,2})(?:"{3}|'{3}|"|')([^"'\\]*)""")
_FIELD = re.compile(r"\{[^{}]*\}")


class _Place:
    """Maps an offset in a statement's text to its source line. A newline counts one line; a
    literal concatenated from pieces on several lines ("... " "ORDER BY ...") has no newline,
    so each source line's piece is found in the text once and starts a line there."""

    __slots__ = ("breaks", "first", "lines", "text")

    def __init__(self, text: str, first: int, pieces: tuple[tuple[int, int], ...] = ()) -> None:
        self.text, self.first = text, first
        self.breaks, self.lines = tuple(at for at, _ in pieces), tuple(line for _, line in pieces)

    def __call__(self, pos: int) -> int:
        if self.breaks:
            found = bisect_right(self.breaks, pos)
            return self.lines[found - 1] if found else self.first
        return self.first + self.text.count("\n", 0, max(0, pos))


def _piece_breaks(text: str, source: list[str], first: int, last: int) -> tuple[tuple[int, int], ...]:
    """(text offset, line) where the pieces on lines first+1..last begin (lines without one,
    such as comments between the pieces, are skipped)."""
    breaks, cursor = [], 0
    for number in range(first + 1, min(last, len(source)) + 1):
        chunk = _piece_start(source[number - 1])
        at = text.find(chunk, cursor + 1) if chunk.strip("{} ") else -1
        if at < 0 and "{}" in chunk and chunk.split("{}")[0].strip():  # a field filled with a constant's text
            at = text.find(chunk.split("{}")[0], cursor + 1)
        if at > 0:
            breaks.append((at, number))
            cursor = at
    return tuple(breaks)


def _piece_start(line: str) -> str:
    """The literal text a source line's string piece starts with, as the text holds it (`{}` for a field)."""
    found = _PIECE.match(line)
    if found is None:
        return ""
    chunk = found.group(2)
    return (_FIELD.sub("{}", chunk) if "f" in found.group(1).lower() else chunk).strip()


def _place_of(model: "ProjectModel", path: str, sql: Any) -> _Place:
    if sql.end_line > sql.line and "\n" not in sql.text:
        return _Place(sql.text, sql.line, _piece_breaks(sql.text, model.lines(path), sql.line, sql.end_line))
    return _Place(sql.text, sql.line)


def sql_statements(model: "ProjectModel", schema: Schema, other_files: list[str]) -> list[Statement]:
    """Every SQL statement in Python strings and .sql files, parsed and placed."""
    out: list[Statement] = []
    for facts in model.modules.values():
        prefix = f"{facts.module}."
        for sql in facts.sql:
            fq = prefix + sql.function if sql.function else ""
            stmts = _from_text(schema, sql.text, facts.path, _place_of(model, facts.path, sql), fq, "python")
            if fq in model.functions and _LIKE_PARAM.search(sql.text):
                _leading_params(model.functions[fq][1], sql.text, stmts)
            out.extend(stmts)
    for path in sorted(p for p in other_files if p.endswith(".sql")):
        text = "\n".join(model.lines(path))
        out.extend(_from_text(schema, text, path, _Place(text, 1), "", "sql-file"))
    return out


_LIKE_PARAM = re.compile(r"(\w+)\s+I?LIKE\s+\$(\d+)(?!\s*\|\|)", re.I)


def _leading_params(func: FunctionFacts, text: str, stmts: list[Statement]) -> None:
    """`name ILIKE $1` run as `conn.fetch(sql, f"%{term}%")`: the pattern bound to the placeholder
    starts with a wildcard, so the match is a leading-wildcard one (asyncpg-style `$n` arguments)."""
    for site in func.calls:
        first = site.args[0] if site.args else None
        if first != text and not (isinstance(first, dict) and func.local_types.get(first.get("ref", "")) == text):
            continue
        for match in _LIKE_PARAM.finditer(text):
            index = int(match.group(2))
            value = site.args[index] if index < len(site.args) else None
            if isinstance(value, dict) and "ref" in value and value["ref"] not in func.extra.get("rebound", ()):
                value = func.local_types.get(value["ref"])
            if like_kind_of(value, "ilike") != "like-leading":
                continue
            for stmt in stmts:
                stmt.uses[:] = [replace(u, op="like-leading") if u.op == "like" and u.column == match.group(1).lower()
                                else u for u in stmt.uses]


def _from_text(schema: Schema, text: str, path: str, at: _Place, function: str, source: str) -> list[Statement]:
    out = []
    for parsed in parse(text):
        line = at(parsed.pos)
        end = at(parsed.end)
        stmt = Statement(path, line, max(line, end), function, source, parsed.kind, text[parsed.pos:parsed.end])
        _fill_sql(stmt, parsed, schema, at)
        out.append(stmt)
    return out


@lru_cache(maxsize=16384)
def _is_batch(text: str) -> bool:
    """One statement for many rows (`= ANY($1)`, `IN :ids`, `COPY`); a slow pattern, and the
    same statement text recurs (helpers, copies), so each text is tested once."""
    return bool(_BATCH_SQL.search(text))


def _fill_sql(stmt: Statement, parsed: ParsedSql, schema: Schema, at: _Place) -> None:
    stmt.tables = sorted(set(parsed.tables.values()))
    stmt.limit = parsed.limit
    stmt.offset_line = at(parsed.offset_pos) if parsed.offset_pos >= 0 else 0
    stmt.star_line = at(parsed.star_pos) if parsed.star_pos >= 0 else 0
    stmt.random_order_line = at(parsed.random_order_pos) if parsed.random_order_pos >= 0 else 0
    stmt.has_or = parsed.has_or
    stmt.aggregate_only = parsed.aggregate_only
    stmt.group_by = parsed.group_by
    stmt.distinct = parsed.distinct
    stmt.dynamic = parsed.dynamic
    stmt.joins = len(stmt.tables) > 1
    stmt.batch = _is_batch(stmt.text)
    for pred in parsed.predicates:
        table = pred.table or _by_column(schema, pred.candidates, pred.column)
        stmt.uses.append(ColumnUse(table, pred.column, pred.op, pred.clause, at(pred.pos),
                                   pred.wrapped, pred.nested, len(set(pred.candidates)) <= 1, pred.subquery))
    for ref in parsed.order_by:
        table = parsed.table_of(ref.qualifier) or _by_column(schema, tuple(set(parsed.tables.values())), ref.column)
        stmt.uses.append(ColumnUse(table, ref.column, "order", "order", at(ref.pos)))


def _by_column(schema: Schema, candidates: tuple[str, ...], column: str) -> str:
    """The one candidate table that has `column`, or ""."""
    if len(candidates) == 1:
        return candidates[0]
    having = [t for t in candidates if t in schema.tables and column in schema.tables[t].columns]
    return having[0] if len(having) == 1 else ""


# ----- ORM -------------------------------------------------------------------------------
def orm_statements(model: "ProjectModel", schema: Schema) -> list[Statement]:
    """ORM query chains whose entities or columns resolve to mapped classes."""
    out: list[Statement] = []
    if not schema.models:
        return out
    for facts in model.modules.values():
        for record in facts.extra.get("orm_chains", ()):
            stmt = _orm_statement(model, schema, facts, None, "", record)
            if stmt is not None:
                out.append(stmt)
        for qualname, func in facts.functions.items():
            by_line: dict[int, Statement] = {}
            by_name: dict[str, Statement] = {}  # local name -> the last chain built on it
            fq = f"{facts.module}.{qualname}"
            for record in func.extra.get("orm_chains", ()):
                stmt = _orm_statement(model, schema, facts, func, fq, record)
                if stmt is None and record["offset"]:
                    stmt = _paged_continuation(model, schema, facts, func, fq, record, by_line, by_name)
                if stmt is not None:
                    out.append(stmt)
                    by_line.setdefault(record["line"], stmt)
                    _continue_from(model, schema, facts, func, record, stmt, by_line)
                    if record["root"] in func.local_types:
                        by_name[record["root"]] = stmt
    return out


def _paged_continuation(model: "ProjectModel", schema: Schema, facts: ModuleFacts, func: FunctionFacts, fq: str,
                        record: dict[str, Any], by_line: dict[int, Statement],
                        by_name: dict[str, Statement]) -> Statement | None:
    """`stmt = stmt.offset(n).limit(size)`: a chain that names no mapped class itself but pages
    a query built earlier in the function on the same local name; it reads that query's tables."""
    root = record["root"]
    if root not in func.local_types:
        return None  # `self.query.offset(n)`, `select(self.model).offset(n)`: nothing to read the table from
    bound = func.local_types[root]
    base = by_line.get(bound.get("line", 0)) if isinstance(bound, dict) else None
    base = base or by_name.get(root)
    if base is None or not base.tables:
        return None
    stmt = _orm_statement(model, schema, facts, func, fq, record, allow_empty=True)
    if stmt is None:
        return None
    stmt.tables = list(base.tables)
    stmt.kind = base.kind
    stmt.uses.extend(u for u in base.uses if u.clause == "order" and u not in stmt.uses)
    return stmt


def _fixed_offset(facts: ModuleFacts, func: FunctionFacts | None, record: dict[str, Any]) -> bool:
    """`.offset(SKIP)` where `SKIP = 1` at module level, or a local bound once to a number."""
    name = record.get("offset_name")
    if not name:
        return False
    if func is not None and name in func.local_types:
        return isinstance(func.local_types[name], int) and name not in func.extra.get("rebound", ())
    assign = facts.assigns.get(name)
    return assign is not None and isinstance(assign.value, int) and name.isupper()


def _pattern_kind(func: FunctionFacts, name: str, op: str) -> str:
    """The LIKE kind of `col.ilike(pattern)` where `pattern = f"%{q}%"` was bound once in the function."""
    if op != "like" or name in func.extra.get("rebound", ()):
        return op
    return "like-leading" if like_kind_of(func.local_types.get(name), "ilike") == "like-leading" else op


_ENTITY_ROOTS = frozenset({"select", "query", "delete", "update", "exists", "insert", "scalars", "objects"})


def _continue_from(model: "ProjectModel", schema: Schema, facts: ModuleFacts, func: FunctionFacts,
                   record: dict[str, Any], stmt: Statement, by_line: dict[int, Statement]) -> None:
    """The filters a chain builds on: `statement = statement.where(...)` continues the chain the
    name was first bound to; `self.get_base_statement().where(...)` continues what that method
    returns. Filters that cannot be read mark the statement `base_unknown`."""
    root = record["root"]
    if root.isidentifier() and root in func.local_types:
        bound = func.local_types.get(root)
        base = by_line.get(bound.get("line", 0)) if isinstance(bound, dict) else None
        if base is not None and base is not stmt:
            _inherit(stmt, base)
        else:
            stmt.base_unknown = True
        return
    if not root or root.rsplit(".", 1)[-1] in _ENTITY_ROOTS or root.split(".")[0] in ("session", "db", "db_session"):
        return
    found = model.resolver.type_of_chain(facts, func, tuple(root.split(".")))
    if found and found[0] == "function":
        base = _returned_statement(model, schema, found[1])
        if base is not None:
            _inherit(stmt, base)
            return
        stmt.base_unknown = True


def _inherit(stmt: Statement, base: Statement) -> None:
    """A refinement keeps its base's filters and, apart from them, the joins that let an index
    reach the base's rows (`select(W).join(latest, W.key == latest.c.key)` refined by `.where(...)`)."""
    stmt.inherited = [*base.inherited, *base.where_uses()]
    stmt.base_joins = [*base.base_joins, *(u for u in base.uses if u.clause == "join")]
    stmt.base_unknown = base.base_unknown or base.unresolved_filters


def _returned_statement(model: "ProjectModel", schema: Schema, fq: str) -> Statement | None:
    """The ORM chain a project function returns (directly or through a local name)."""
    facts, func = model.functions[fq]
    records = {r["line"]: r for r in func.extra.get("orm_chains", ())}
    for value in func.returns_values:
        line = 0
        if isinstance(value, dict) and "call" in value:
            line = value.get("line", 0)
        elif isinstance(value, dict) and "ref" in value and isinstance(func.local_types.get(value["ref"]), dict):
            line = func.local_types[value["ref"]].get("line", 0)
        if line in records:
            return _orm_statement(model, schema, facts, func, fq, records[line], allow_empty=True)
    return None


def _model_of(model: "ProjectModel", schema: Schema, facts: ModuleFacts, func: FunctionFacts | None,
              dotted: str) -> str:
    """The table of the mapped class a dotted name denotes (`Customer`), or ""."""
    if not dotted or "(" in dotted:
        return ""
    found = model.resolver.type_of_chain(facts, func, tuple(dotted.split(".")))
    if found and found[0] == "class":
        return schema.models.get(found[1], "")
    return ""


def _column_of(schema: Schema, table: str, attr: str) -> str:
    columns = schema.tables[table].columns
    if attr.lower() in columns and not columns[attr.lower()].attr:
        return attr.lower()
    for column in columns.values():
        if column.attr == attr:
            return column.name
    return ""


def _filter_by_table(model: "ProjectModel", schema: Schema, facts: ModuleFacts, func: FunctionFacts | None,
                     record: dict[str, Any], entities: list[str]) -> str:
    """The table `filter_by(name=value)` tests: the one mapped class selected or, when only columns
    are (`select(distinct(Run.id))`), the class of the first one, as SQLAlchemy reads it."""
    if entities or not record["entities"]:
        return entities[0] if len(entities) == 1 else ""
    return _model_of(model, schema, facts, func, record["entities"][0].rpartition(".")[0])


def _orm_statement(model: "ProjectModel", schema: Schema, facts: ModuleFacts, func: FunctionFacts | None,
                   fq: str, record: dict[str, Any], allow_empty: bool = False) -> Statement | None:
    entities = [t for t in (_model_of(model, schema, facts, func, e) for e in record["entities"]) if t]
    methods = tuple(record["methods"])
    uses: list[ColumnUse] = []
    tables: list[str] = list(dict.fromkeys(entities))
    joins = any(m in ("join", "outerjoin") for m in methods)
    unresolved = varying_in = False
    for col in record["cols"]:
        dotted, op, wrapped, method, other, line = col[0], col[1], col[2], col[3], col[4], col[5]
        if col[6] and func is not None:
            op = _pattern_kind(func, col[6], op)
        head, _, attr = dotted.rpartition(".")
        table = _model_of(model, schema, facts, func, head)
        if not table:
            unresolved = unresolved or (op not in ("is-null", "bool", "order", "<>") and head.startswith(
                ("self.", "cls.")))
            continue
        column = _column_of(schema, table, attr)
        if not column:
            continue
        if table not in tables:
            tables.append(table)
        joined = bool(other) and bool(_model_of(model, schema, facts, func, other.rpartition(".")[0]))
        clause = "order" if op == "order" else ("join" if method in ("join", "outerjoin") or joined else "where")
        uses.append(ColumnUse(table, column, op, clause, line, wrapped))
        varying_in = varying_in or op == "in" and not (len(col) > 7 and col[7])
    target = _filter_by_table(model, schema, facts, func, record, entities)
    for name, method, line, op in record["kw"] if target else ():
        column = _column_of(schema, target, name) if method == "filter_by" else ""
        if column:
            uses.append(ColumnUse(target, column, op, "where", line))
            varying_in = varying_in or op == "in"
    if target not in tables and any(u.table == target for u in uses):
        tables.append(target)
    if not tables and not allow_empty:
        return None
    single = len(tables) == 1 and not joins
    if not single:
        uses = [ColumnUse(u.table, u.column, u.op, u.clause, u.line, u.wrapped, u.nested, False) for u in uses]
    kind = "update" if "update" in methods else "delete" if "delete" in methods[:1] else "select"
    return Statement(
        facts.path, record["line"], record["end"], fq, "orm", kind, tables=tables, uses=uses,
        limit="limit" in methods or "paginate" in methods, single_row=bool(set(methods) & _SINGLE_ROW_METHODS),
        offset_line=0 if _fixed_offset(facts, func, record) else record["offset"], has_or=record["or"], joins=joins,
        batch=varying_in, methods=methods, unresolved_filters=unresolved,
        random_order_line=record.get("random_order", 0),
    )
