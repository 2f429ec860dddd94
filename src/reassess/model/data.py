"""The data layer of the model: schema (tables, indexes), every query the code writes
(SQL and ORM), every round trip and the loops that make one per item.

Built once per run, lazily, from the facts and the call graph (`data_model(model, other_files)`),
and shared by the response-time rules. The inventory functions at the end return plain,
JSON-able lists for the reports.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .lazyload import LazyLoad, lazy_loads
from .named_queries import named_queries
from .roundtrips import LoopQuery, TripSite, loop_queries, reaching, trip_sites
from .schema import Index, Schema, build_schema
from .statements import Statement, orm_statements, sql_statements

if TYPE_CHECKING:
    from .project import Edge, ProjectModel

_ATTR = "_reassess_data_model"


@dataclass
class DataModel:
    schema: Schema
    statements: list[Statement]
    trips: dict[str, list[TripSite]]  # function fq -> round trips it makes itself
    chains: dict[str, list["Edge"]]  # function fq -> shortest call chain to a per-item round trip
    loops: list[LoopQuery]
    statements_at: dict[tuple[str, int], list[Statement]] = field(default_factory=dict)
    runners: dict[int, list[TripSite]] = field(default_factory=dict)  # id(statement) -> calls that run it
    lazy: list[LazyLoad] = field(default_factory=list)  # lazy ORM relationships read per item of a loop

    def runs_of(self, stmt: Statement) -> list[TripSite]:
        return self.runners.get(id(stmt), [])


def data_model(model: "ProjectModel", other_files: list[str] | None = None) -> DataModel:
    """The data model of this project model, built on first use. `other_files` are the
    non-Python files of the run (`ctx.extra["other_files"]`): .sql files among them are read."""
    key = tuple(sorted(other_files or ()))
    cached = getattr(model, _ATTR, None)
    if cached is not None and cached[0] == key:
        return cached[1]
    built = _build(model, list(key))
    setattr(model, _ATTR, (key, built))
    return built


def of_context(ctx: Any) -> DataModel:
    """The data model for a rule's ProjectContext."""
    return data_model(ctx.model, ctx.extra.get("other_files") or [])


def _build(model: "ProjectModel", other_files: list[str]) -> DataModel:
    schema = build_schema(model, other_files)
    statements = sql_statements(model, schema, other_files) + orm_statements(model, schema)
    statements_at: dict[tuple[str, int], list[Statement]] = {}
    for stmt in statements:
        statements_at.setdefault((stmt.path, stmt.line), []).append(stmt)
    trips = trip_sites(model, statements_at, named_queries(model, statements))
    chains = reaching(model, trips)
    runners: dict[int, list[TripSite]] = {}
    for sites in trips.values():
        for trip in sites:
            if trip.statement is not None:
                runners.setdefault(id(trip.statement), []).append(trip)
    return DataModel(schema, statements, trips, chains, loop_queries(model, trips, chains), statements_at, runners,
                     lazy_loads(model, schema, statements_at))


# ----- inventories for the reports -------------------------------------------------------
def sql_inventory(model: "ProjectModel", other_files: list[str] | None = None) -> list[dict[str, Any]]:
    """Every query seen (SQL in Python and .sql files, ORM chains on mapped classes):
    [{"path", "line", "end_line", "function", "source": "python"|"sql-file"|"orm", "kind",
      "tables": [..], "columns": ["t.c", ..], "where_columns": [{"table", "column", "op", "line"}],
      "join_columns": [{"table", "column", "line"}], "order_by": [{"table", "column", "line"}],
      "limit", "offset", "select_star", "dynamic", "batch": bool}], sorted by path and line."""
    data = data_model(model, other_files)
    rows = [s.to_dict() for s in data.statements if s.kind not in ("create_table", "create_index", "alter_table")]
    return sorted(rows, key=lambda r: (r["path"], r["line"]))


def index_inventory(model: "ProjectModel", other_files: list[str] | None = None) -> list[dict[str, Any]]:
    """Every index, primary key and unique constraint declared:
    [{"table", "columns": [..], "kind": "index"|"unique"|"primary", "name", "partial", "method",
      "path", "line", "source": "sql"|"python-sql"|"orm"|"alembic"}], sorted."""
    data = data_model(model, other_files)
    rows = [i.to_dict() for i in data.schema.indexes]
    return sorted(rows, key=lambda r: (r["table"], r["path"], r["line"], r["columns"]))


def table_inventory(model: "ProjectModel", other_files: list[str] | None = None) -> list[dict[str, Any]]:
    """Every table declared: [{"name", "path", "line", "source", "model", "columns": [..],
    "indexes": n, "uncertain": "" or why index knowledge may be incomplete}], sorted by name."""
    data = data_model(model, other_files)
    return [{"name": t.name, "path": t.path, "line": t.line, "source": t.source, "model": t.model,
             "columns": list(t.columns), "indexes": len(data.schema.indexes_of(t.name)), "uncertain": t.uncertain}
            for _, t in sorted(data.schema.tables.items())]


def loop_query_inventory(model: "ProjectModel", other_files: list[str] | None = None) -> list[dict[str, Any]]:
    """Every loop that makes a round trip per item:
    [{"path", "function", "loop_line", "loop_end", "loop_kind": "for"|"comp", "iterable", "call_line",
      "hops": n, "chain": [{"function", "path", "line"}],
      "query": {"path", "line", "function", "target", "kind": "sql"|"orm"|"cache"|"http"|"mongo"}}]."""
    data = data_model(model, other_files)
    rows = []
    for loop in data.loops:
        chain = [model.hop(edge) for edge in loop.chain]
        rows.append({
            "path": loop.path, "function": loop.function, "loop_line": loop.loop_line, "loop_end": loop.loop_end,
            "loop_kind": loop.loop_kind, "iterable": loop.iterable, "call_line": loop.site.line, "hops": loop.hops,
            "chain": [{"function": h.function, "path": h.path, "line": h.line} for h in chain],
            "query": {"path": loop.trip.path, "line": loop.trip.site.line, "function": loop.trip.function,
                      "target": loop.trip.target, "kind": loop.trip.trip.kind},
        })
    for lazy in data.lazy:
        rel = lazy.relationship
        rows.append({
            "path": lazy.path, "function": lazy.function, "loop_line": lazy.loop_line, "loop_end": lazy.loop_line,
            "loop_kind": "for", "iterable": None, "call_line": lazy.line, "hops": 0, "chain": [],
            "query": {"path": rel.path, "line": rel.line, "function": "", "target": f"{rel.owner}.{rel.name}",
                      "kind": "orm-lazy-load"},
        })
    return sorted(rows, key=lambda r: (r["path"], r["loop_line"], r["call_line"]))


def indexes_for(data: DataModel, table: str) -> list[Index]:
    return data.schema.indexes_of(table)
