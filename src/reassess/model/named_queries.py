"""Named queries of .sql files, for query objects that load them (aiosql).

`queries = aiosql.from_path("sql/", "asyncpg")` reads blocks headed `-- name: get-user-by-id^`
and gives the object a method per block (`get_user_by_id`, hyphens read as underscores); a
subdirectory becomes a namespace (`queries.users.get_by_id`). The suffix says how the block
runs: `*!` once per parameter set (executemany: the batched form), the others once.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..knowledge.clients import canonical
from ..knowledge.queries import QUERY_OBJECT_FACTORIES
from .statements import Statement

if TYPE_CHECKING:
    from .project import ProjectModel

_HEADER = re.compile(r"^\s*--\s*name\s*:\s*([A-Za-z_][\w-]*)\s*(?:\([^)]*\))?\s*([<*]?[!^$#]?)")

NamedQuery = tuple[Statement, str]  # the statement and its suffix ("^", "!", "<!", "*!", ...)


def named_queries(model: "ProjectModel", statements: list[Statement]) -> dict[str, list[NamedQuery]]:
    """Method name -> the .sql statements named so (several when two files use one name)."""
    by_path: dict[str, list[Statement]] = {}
    for stmt in statements:
        if stmt.source == "sql-file":
            by_path.setdefault(stmt.path, []).append(stmt)
    out: dict[str, list[NamedQuery]] = {}
    for path, stmts in by_path.items():
        for name, found in _blocks(model, path, sorted(stmts, key=lambda s: s.line)):
            out.setdefault(name, []).append(found)
    return out


def _blocks(model: "ProjectModel", path: str, stmts: list[Statement]) -> list[tuple[str, NamedQuery]]:
    """(method name, its statement and suffix) per `-- name:` header of one file that heads a
    statement: the first one (`stmts` in line order) below it and above the next header."""
    headers = [(number, match) for number, line in enumerate(model.lines(path), 1) if (match := _HEADER.match(line))]
    out: list[tuple[str, NamedQuery]] = []
    at = 0
    for index, (number, match) in enumerate(headers):
        end = headers[index + 1][0] if index + 1 < len(headers) else float("inf")
        while at < len(stmts) and stmts[at].line <= number:
            at += 1
        if at < len(stmts) and stmts[at].line < end:
            out.append((match.group(1).replace("-", "_"), (stmts[at], match.group(2))))
    return out


def named_statement(named: dict[str, list[NamedQuery]], target: str) -> NamedQuery | None:
    """The named query a query-object call runs (`aiosql.from_path.users.get_by_id`): the one
    block of that name, or, among several, the one in the directory or file of its namespace."""
    target = canonical(target)
    factory = next((f for f in QUERY_OBJECT_FACTORIES if target.startswith(f + ".")), None)
    if factory is None:
        return None
    *space, method = target[len(factory) + 1:].split(".")
    found = named.get(method, [])
    if len(found) > 1 and space:
        found = [(s, suffix) for s, suffix in found if _in_namespace(s.path, space[-1])]
    return found[0] if len(found) == 1 else None


def _in_namespace(path: str, space: str) -> bool:
    """The .sql file sits in a directory named `space`, or is itself `space.sql`: aiosql's
    namespaces follow the directory tree and the file name."""
    *directories, name = path.replace("\\", "/").split("/")
    return space in directories or name.removesuffix(".sql") == space
