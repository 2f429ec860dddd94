"""A column stepped by a helper handed an unlocked row (RA321): `for tenant in await repo.list_billable():
await self._invoice_tenant(session, tenant, ...)`, whose body does `tenant.credit_cents -= applied`,
then `await session.commit()` in the caller. The UPDATE writes the value computed from what was
loaded, so a change of the column made meanwhile (a top-up, another run) is overwritten."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ...facts.types import FunctionFacts
from ._calls import bound_local, param_receiving
from ._dbaccess import Access
from ._orm_writes import model_columns, write_after

if TYPE_CHECKING:
    from ...model.project import ProjectModel


def stepped_in_helper(model: "ProjectModel", fq: str, func: FunctionFacts, read: Access,
                      exits: tuple[tuple[int, int], ...],
                      locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, store line in the helper, store, write line in `fq`) when the row `read` binds (or
    each row of the rows it binds, walked by a `for`) is handed to an awaited project helper that
    steps one of the model's columns on it (`row.balance -= n`, no lock held there), and `fq` writes
    the change after the call, with no lock held from the read to the call."""
    rows = bound_local(func, read.line, read.call)
    columns = model_columns(model, read.label)
    if not rows or not columns:
        return None
    names = {rows} | {info["target"] for line, info in func.extra.get("loops", {}).items()
                      if line > read.line and info.get("kind") == "for" and isinstance(info.get("iter"), dict)
                      and info["iter"].get("ref") == rows and info.get("target", "").isidentifier()}
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target)
        if edge.site.line <= read.line or not edge.site.awaited or callee not in model.functions:
            continue
        helper = model.functions[callee][1]
        for name in sorted(names):
            param = param_receiving(helper, edge.site, name)
            store = _stepped(helper, param, columns) if param else None
            write = write_after(func, edge.site.line, exits) if store else 0
            if store and write > edge.site.line and not locked(func, read.line, edge.site.line):
                via = {"path": model.functions[callee][0].path, "call": edge.site.name, "call_line": edge.site.line}
                return name, store["line"], {**store, "blind": True, "via": via}, write
    return None


def _stepped(helper: FunctionFacts, param: str, columns: frozenset[str]) -> dict | None:
    """The first `param.<column> += / -= ...` of the helper, outside any lock it holds."""
    for store in helper.extra.get("stores", ()):
        local, _, column = store["target"].rpartition(".")
        if store["kind"] == "aug" and local == param and column in columns \
                and not any(s.line == store["line"] and s.locks_held for s in helper.calls):
            return store
    return None
