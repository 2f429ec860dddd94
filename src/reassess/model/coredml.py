"""SQLAlchemy statements built as objects and run through a connection or session:
`session.execute(update(Parcel).where(...))`, `conn.execute(events.delete().where(...))`,
`conn.execute(insert(events).values(...))`, or a statement bound to a local first
(`stmt = runs.delete().where(...)`, then `conn.execute(stmt)`).

The call running the statement is a round trip by its target (`Connection.execute`); what it
runs is only in the argument, so each run line is paired here with the kinds built inside it
and, for a Core `Table("name", ...)` the code declares, the table's name. A table reached through
a registry (`tables["runs"].delete()`) is still a write, of an unnamed table.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.types import CallSite, FunctionFacts, ModuleFacts
from ..knowledge import clients as lib
from ..knowledge.queries import CORE_TABLE, SQLALCHEMY, STATEMENT_KINDS, round_trip
from .schema import declared_tables

if TYPE_CHECKING:
    from .project import Edge, ProjectModel

_DML = frozenset({"insert", "update", "delete"})


def executed_statements(model: "ProjectModel", fq: str) -> dict[int, dict[str, str]]:
    """{line of the call running a statement: {kind: table ("" when unknown)}} for `fq`: the
    statements built inside the running call's span, or bound to the local it runs."""
    cache: dict[str, dict[int, dict[str, str]]] = model.memo("coredml.executed", dict)
    if fq not in cache:
        cache[fq] = _executed(model, fq) if fq in model.functions else {}
    return cache[fq]


def _executed(model: "ProjectModel", fq: str) -> dict[int, dict[str, str]]:
    facts, func = model.functions[fq]
    runs = [edge.site for edge in model.edges.get(fq, ()) if _runs_sql(edge)]
    out: dict[int, dict[str, str]] = {}
    for line, kind, table in constructed_statements(model, fq) + _untyped_built(model, fq):
        run = _run_of(func, runs, line)
        if run is not None:
            kinds = out.setdefault(run, {})
            kinds[kind] = kinds.get(kind) or table
    return out


def _runs_sql(edge: "Edge") -> bool:
    trip = round_trip(edge.target.name) if edge.target.kind == "external" else None
    return trip is not None and trip.kind in ("sql", "orm")


def _run_of(func: FunctionFacts, runs: list[CallSite], line: int) -> int | None:
    """The line of the call running a statement built on `line`: written inside its span, or
    bound on that line to the local name the call is handed (`conn.execute(stmt)`)."""
    for site in runs:
        if site.line <= line <= site.end_line:
            return site.line
    bound = func.names_bound_on(line)  # by any binding: `stmt = None` first, `stmt = delete(T)` later
    for site in runs:
        first = site.args[0] if site.args else None
        if isinstance(first, dict) and first.get("ref") in bound:
            return site.line
    return None


def constructed_statements(model: "ProjectModel", fq: str) -> list[tuple[int, str, str]]:
    """(line, kind, table) of the statements `fq` builds with SQLAlchemy's constructors, whether
    or not the line runs them: `update(Model)` and `insert(events)` (the function form names its
    table first), `events.delete()` on a declared `Table`."""
    cache: dict[str, list[tuple[int, str, str]]] = model.memo("coredml.constructed", dict)
    if fq not in cache:
        cache[fq] = _constructed(model, fq) if fq in model.functions else []
    return cache[fq]


def _constructed(model: "ProjectModel", fq: str) -> list[tuple[int, str, str]]:
    facts, func = model.functions[fq]
    out = []
    for edge in model.edges.get(fq, ()):
        if edge.site.func and edge.target.kind == "external" and edge.target.name.startswith(SQLALCHEMY):
            name = lib.canonical(edge.target.name)
            kind = name.rpartition(".")[2]
            if kind in STATEMENT_KINDS:
                out.append((edge.site.line, kind, _statement_table(model, facts, func, edge.site, name)))
    return out


def _untyped_built(model: "ProjectModel", fq: str) -> list[tuple[int, str, str]]:
    """`X.delete()` with no arguments on a value whose type is unknown (`tbl = tables["runs"]`):
    a statement of an unnamed table, counted only where a query call runs it
    (`dict.update(other)` always has an argument)."""
    return [(edge.site.line, edge.site.func[-1], "") for edge in model.edges.get(fq, ())
            if edge.target.kind == "unresolved" and _untyped_dml(edge.site)]


def _untyped_dml(site: CallSite) -> bool:
    return len(site.func or ()) >= 2 and site.func[-1] in _DML and "()" not in site.func \
        and not site.args and not site.kwargs and not site.star_args


def _statement_table(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite,
                     constructor: str) -> str:
    """The declared name of the Core table a statement is built on: the receiver of the method
    `events.delete()` (`sqlalchemy.Table.delete`), or the first argument of a module's function,
    however it is reached (`insert(events)`, `sa.insert(events)`, `sqlalchemy.delete(runs)`)."""
    owner = constructor.rpartition(".")[0]
    if owner.rpartition(".")[2][:1].isupper():  # a class's method: the table is its receiver
        return declared_table(model, facts, func, site.func[:-1])
    first = site.args[0] if site.args else None
    if isinstance(first, dict) and isinstance(first.get("ref"), str):
        return declared_table(model, facts, func, tuple(first["ref"].split(".")))
    return ""


def declared_table(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None,
                   chain: tuple[str, ...]) -> str:
    """"audit_events" for a name bound at module level to `Table("audit_events", metadata, ...)`,
    in this module or imported from another; "" otherwise."""
    if len(chain) != 1 or (func is not None and chain[0] in func.local_types):
        return ""
    module, name = facts.module, chain[0]
    if name not in facts.assigns:
        binding = model.bindings.get(facts.module, {}).get(name)
        if binding is None or binding.kind == "function":
            return ""
        module, _, name = binding.target.rpartition(".")
    owner = model.modules.get(module)
    assign = owner.assigns.get(name) if owner is not None else None
    call = assign.value.get("call") if assign is not None and isinstance(assign.value, dict) else None
    if not isinstance(call, str) or call.rpartition(".")[2] != CORE_TABLE:
        return ""
    return declared_tables(model).get((owner.path, assign.line), "")
