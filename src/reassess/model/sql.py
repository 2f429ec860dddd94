"""SQL text seen in code: which statement, which tables, run by which call on which resource."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..knowledge import clients as lib
from .sqlparse import parse_one

if TYPE_CHECKING:
    from .app import Resource
    from .project import ProjectModel
    from .resources import ResourceFinder

_SPACE = re.compile(r"\s+")
_TEXT_CALLS = ("sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text", "sqlmodel.text")


def sql_uses(model: "ProjectModel", finder: "ResourceFinder", resources: list["Resource"]) -> list[dict[str, Any]]:
    """One record per SQL string: operation, tables, executing call and resource."""
    by_key = {r.details.get("key"): r for r in resources}
    out: list[dict[str, Any]] = []
    for module in sorted(model.modules):
        facts = model.modules[module]
        for sql in facts.sql:
            scope = f"{module}.{sql.function}" if sql.function else module
            out.append(_record(model, finder, by_key, scope, facts.path, sql))
    return out


def _record(model: "ProjectModel", finder: "ResourceFinder", by_key: dict, scope: str, path: str,
            sql: Any) -> dict[str, Any]:
    try:
        parsed = parse_one(sql.text)
        operation, tables = parsed.kind, sorted(set(parsed.tables.values()))
    except (ValueError, IndexError, RecursionError):  # the reader never should, but SQL is input
        operation, tables = "other", []
    record: dict[str, Any] = {
        "path": path, "line": sql.line, "function": scope, "operation": operation, "tables": tables,
        "text": _SPACE.sub(" ", sql.text).strip()[:300], "executed_by": None, "resource": "", "in_loop": False,
    }
    edge = _executor(model, scope, sql.line)
    if edge is not None:
        record["executed_by"] = {"line": edge.site.line, "call": edge.target.name or edge.site.name}
        record["in_loop"] = bool(edge.site.loop_line)
        receiver = edge.site.func[:-1] if edge.site.func and len(edge.site.func) > 1 else ()
        for creation in finder.origins.of_chain(scope, receiver) if receiver else ():
            if creation.key in by_key:
                record["resource"] = creation.key
    return record


def _executor(model: "ProjectModel", scope: str, line: int) -> Any:
    """The database call whose argument list holds the SQL line (innermost first)."""
    edges = model.edges.get(scope) if scope in model.functions else model.module_edges.get(scope)
    best = None
    for edge in edges or ():
        site = edge.site
        if not (site.line <= line <= site.end_line) or edge.target.kind != "external":
            continue
        name = lib.canonical(edge.target.name)
        if name in _TEXT_CALLS:
            continue
        owner = name.rpartition(".")[0]
        if owner and (lib.operation_spec(name) or owner.split(".")[0] in ("asyncpg", "sqlalchemy", "psycopg",
                                                                           "psycopg2", "sqlite3", "aiosqlite",
                                                                           "databases", "sqlmodel")):
            if best is None or site.line >= best.site.line:
                best = edge
    return best
