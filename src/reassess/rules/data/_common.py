"""Helpers shared by the data rules: which requests reach a function, short names, and the
project's own documentation about earlier N+1 work."""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...findings import Location
from ...model.app import is_test_path  # noqa: F401 - shared
from ...model.statements import is_migration_path, is_tooling_path  # noqa: F401 - shared

if TYPE_CHECKING:
    from ...model.app import EntryPoint
    from ...model.data import DataModel
    from ...model.statements import ColumnUse, Statement
    from ...model.project import ProjectModel
    from ..api import ProjectContext

_REQUEST_KINDS = ("http", "websocket")
_KEY = "data.requests"
_N1_DOC = re.compile(r"(n[\W_]?1|n[\W_]?plus[\W_]?one|nplusone)[^/]*\.(md|rst|txt)$", re.I)
TIMESTAMP = re.compile(r"(_at|_on|_date|_time|timestamp|^created|^updated|^modified)$")


_GENERIC_MODULES = frozenset({"service", "services", "views", "view", "utils", "util", "flows", "models", "crud",
                              "api", "routes", "router", "scheduled", "tasks", "handlers", "helpers", "core",
                              "repository", "repositories", "endpoints", "dependencies", "__init__"})


def served_path(path: str) -> bool:
    """A file of the served code: not a test, a migration or tooling."""
    return not (is_test_path(path) or is_migration_path(path) or is_tooling_path(path))


def short(fq: str, keep: int = 2) -> str:
    """`app.database.DataManager.get_instrument` -> `DataManager.get_instrument`;
    `dispatch.case.type.service.update` -> `case.type.service.update` (a generic module name
    such as `service` is kept with its package so the name stays unambiguous)."""
    parts = [p for p in fq.split(".") if p != "<locals>"]
    if keep == 2 and len(parts) >= 3 and parts[-2] in _GENERIC_MODULES:
        keep = 3
    return ".".join(parts[-keep:])


def requests_reaching(ctx: "ProjectContext") -> dict[str, "EntryPoint"]:
    """Function fq -> the first HTTP/websocket entry point whose handling reaches it."""
    if _KEY not in ctx.extra:
        ctx.extra[_KEY] = _forward(ctx.model)
    return ctx.extra[_KEY]


def _forward(model: "ProjectModel") -> dict[str, "EntryPoint"]:
    entries = [e for e in model.app.entrypoints if e.kind in _REQUEST_KINDS]
    reached: dict[str, "EntryPoint"] = {}
    queue: deque[str] = deque()
    for entry in sorted(entries, key=lambda e: (e.path, e.line)):
        for fq in [entry.function, *entry.dependencies]:
            if fq in model.functions and fq not in reached:
                reached[fq] = entry
                queue.append(fq)
    while queue:
        fq = queue.popleft()
        for edge in model.edges.get(fq, ()):
            callee = model.callee_function(edge.target)
            if callee and callee not in reached:
                reached[callee] = reached[fq]
                queue.append(callee)
    return reached


@dataclass(frozen=True)
class DocRef:
    path: str
    line: int
    mentions: str  # the batch method or pattern the doc names, "" when none


def n1_doc(ctx: "ProjectContext", names: list[str]) -> DocRef | None:
    """The project's own note on N+1 work (docs/N1_QUERY_OPTIMIZATION.md and the like), with
    the first line that names one of `names` (a batch method), else its first heading."""
    for path in sorted(ctx.extra.get("other_files") or ()):
        if not _N1_DOC.search(path.rsplit("/", 1)[-1]):
            continue
        lines = ctx.model.lines(path)
        for name in names:
            for number, text in enumerate(lines, 1):
                if name and name in text:
                    return DocRef(path, number, name)
        for number, text in enumerate(lines, 1):
            if re.search(r"ANY\(|\bIN \(|pattern", text, re.I):
                return DocRef(path, number, "")
        return DocRef(path, 1, "") if lines else None
    return None


def doc_location(doc: DocRef | None) -> list[Location]:
    if doc is None:
        return []
    note = f"the project's N+1 note, naming `{doc.mentions}`" if doc.mentions else "the project's N+1 note"
    return [Location(doc.path, doc.line, doc.line, note)]


def iterable_text(value: Any) -> str:
    """How a loop's iterable reads in prose: `orders`, `the result of self.dm.list_users()`."""
    if isinstance(value, dict):
        if "ref" in value:
            return f"`{value['ref']}`"
        if value.get("call"):
            return f"the result of `{value['call']}()`"
    return "a collection"


def live_statements(data: "DataModel") -> list["Statement"]:
    """Statements the application runs on its own tables: written in Python outside tests and
    migrations, not reading the database's catalog (`pg_indexes`, `information_schema.columns`)."""
    return [s for s in data.statements if s.source in ("python", "orm") and not is_test_path(s.path)
            and not is_migration_path(s.path) and not is_tooling_path(s.path)
            and not any(map(_catalog, s.tables))]


def _catalog(table: str) -> bool:
    name = table.lower()
    return name.startswith(("pg_", "information_schema.", "sqlite_"))


def statement_functions(data: "DataModel", stmt: "Statement") -> list[str]:
    """The functions that run a statement: its own function, or the callers of a module-level one."""
    found = [trip.function for trip in data.runs_of(stmt)]
    if stmt.function and stmt.function not in found:
        found.insert(0, stmt.function)
    return found


def request_of(requests: dict[str, "EntryPoint"], data: "DataModel", stmt: "Statement") -> "EntryPoint | None":
    for fq in statement_functions(data, stmt):
        if fq in requests:
            return requests[fq]
    return None


def table_location(data: "DataModel", table: str) -> list[Location]:
    """Where a table is declared, with its indexes in the note."""
    found = data.schema.tables.get(table)
    if found is None or not found.path:
        return []
    indexes = data.schema.indexes_of(table)
    shown = ", ".join(list(dict.fromkeys(f"({', '.join(i.columns)})" for i in indexes))[:6]) or "none"
    return [Location(found.path, found.line, found.line, f"`{table}` is declared here; its indexes: {shown}")]


def looks_like_lookup(data: "DataModel", table: str) -> bool:
    """A configuration table (severities, types, statuses): few columns and no timestamps."""
    columns = data.schema.tables[table].columns
    return len(columns) <= 15 and not any(TIMESTAMP.search(c) for c in columns)


def rewritable(use: "ColumnUse") -> bool:
    """A test on a column wrapped in a function or cast (`date(created_at) = $1`) that the bare
    column could answer: its fix is a rewrite (a range, a normalised value) or an expression index."""
    return bool(use.wrapped) and use.wrapped != "coalesce" and use.op in ("=", "range", "in", "any", "between")
