"""Project functions that forward their SQL parameter to the driver (`Database.fetchrow(query)`):
their callers' calls are the round trips, with the statements the callers write, and where a
call's statement is written (for model/roundtrips.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.types import CallSite, FunctionFacts, ModuleFacts
from .http_wrappers import param_index
from .statements import Statement
from .trip_records import TripSite

if TYPE_CHECKING:
    from .project import ProjectModel


def _sql_param(func: FunctionFacts, site: CallSite) -> int:
    """The index among `func`'s own arguments of the parameter a call passes as its SQL text
    (`await conn.fetchrow(query, *args)` in `def fetchrow(self, query, *args)`), else -1."""
    first = site.args[0] if site.args else site.kwargs.get("query") or site.kwargs.get("statement")
    name = first.get("ref") if isinstance(first, dict) else None
    return param_index(func, name)


def through_sql_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]],
                      statements_at: dict[tuple[str, int], list[Statement]]) -> None:
    """A project function that only forwards its SQL parameter to the driver (`Database.fetchrow(query,
    *args)`) runs the statement its caller writes: the caller's call is that round trip, with that
    statement. Wrappers of wrappers are followed to a small depth."""
    wrappers = _sql_wrappers(model, out)
    for _ in range(3):
        found: dict[str, tuple[TripSite, int]] = {}
        for fq, (inner, index) in wrappers.items():
            for edge in model.callers.get(fq, ()):
                if edge.target.kind == "function" and not edge.site.offloaded:
                    forwarded = _wrapper_call(model, edge, inner, index, out, statements_at)
                    if forwarded >= 0 and edge.caller not in wrappers:
                        found.setdefault(edge.caller, (inner, forwarded))
        if not found:
            return
        wrappers = found


def _sql_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]]) -> dict[str, tuple[TripSite, int]]:
    """Functions whose SQL round trip runs a parameter: fq -> (that trip, the parameter's position)."""
    wrappers: dict[str, tuple[TripSite, int]] = {}
    for fq, sites in out.items():
        func = model.functions[fq][1]
        for trip in sites:
            if trip.statement is None and trip.trip.kind == "sql":
                index = _sql_param(func, trip.site)
                if index >= 0:
                    wrappers.setdefault(fq, (trip, index))
    return wrappers


def _wrapper_call(model: "ProjectModel", edge, inner: TripSite, index: int, out: dict[str, list[TripSite]],
                  statements_at: dict[tuple[str, int], list[Statement]]) -> int:
    """One call of a wrapper: a round trip of the caller when it passes a statement it writes
    (recorded in `out`, -1 returned), else the position of the caller's own parameter it passes
    on (the caller wraps too), else -1."""
    facts, func = model.functions[edge.caller]
    site = edge.site
    arg = site.args[index] if len(site.args) > index and (index == 0 or not site.star_args) else None
    shifted = CallSite(site.func, site.line, site.end_line, site.col, args=(arg,) if arg else ())
    stmt = statement_of(facts, func, edge.caller, site if index == 0 else shifted, statements_at)
    if stmt is not None:
        out.setdefault(edge.caller, []).append(TripSite(edge.caller, facts.path, site, inner.target, inner.trip, stmt))
        return -1
    return _sql_param(func, shifted) if arg is not None else -1


def statement_of(facts: ModuleFacts, func: FunctionFacts, fq: str, site: CallSite,
                  statements_at: dict[tuple[str, int], list[Statement]]) -> Statement | None:
    """The statement a call runs: written inside the call, or bound to the name it passes."""
    for line in range(site.line, site.end_line + 1):
        for stmt in statements_at.get((facts.path, line), ()):
            if stmt.function == fq or not stmt.function:
                return stmt
    first = site.args[0] if site.args else site.kwargs.get("query") or site.kwargs.get("statement")
    if isinstance(first, dict) and "ref" in first and "." not in first["ref"]:
        name = first["ref"]
        value = func.local_types.get(name)
        if isinstance(value, dict) and value.get("line"):
            return _first_at(statements_at, facts.path, value["line"], fq)
        assign = facts.assigns.get(name)
        if assign is not None:
            for line in range(assign.line, (assign.end_line or assign.line) + 1):
                found = _first_at(statements_at, facts.path, line, "")
                if found is not None:
                    return found
        if isinstance(value, str):  # `sql = "SELECT ..."` earlier in the same function
            for line in range(func.line, func.end_line + 1):
                for stmt in statements_at.get((facts.path, line), ()):
                    if stmt.function == fq and stmt.text.strip() and stmt.text.strip() in value:
                        return stmt
    return None


def _first_at(statements_at: dict[tuple[str, int], list[Statement]], path: str, line: int,
              fq: str) -> Statement | None:
    for stmt in statements_at.get((path, line), ()):
        if not fq or stmt.function == fq or not stmt.function:
            return stmt
    return None
