"""Row locks a coroutine takes: `SELECT ... FOR UPDATE`, `.with_for_update()`, directly or through a
project helper, which may lock only when a flag parameter asks it to (`get(id, lock=True)`).
Shared by the check-then-act rules (a locked row serialises the check) and the rule on row
locks held across remote calls."""
from __future__ import annotations

import re

from ...facts.types import FunctionFacts, ModuleFacts
from ._calls import argument
from ._dbaccess import sql_text

_FOR_UPDATE = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?UPDATE\b", re.I)


def row_locked_before(facts: ModuleFacts, func: FunctionFacts, line: int, model=None, fq: str = "") -> bool:
    """A locking read (`.with_for_update()`, `SELECT ... FOR UPDATE`) earlier in the coroutine, or
    in a helper it calls earlier (`workspace = await repo.lock_workspace(session, id)`); a helper
    that locks only when a flag parameter asks it to (`get(id, lock=True)`) locks only for the
    calls that pass the flag."""
    if model is not None and any(
            edge.site.line < line and (callee := model.callee_function(edge.target))
            and locks_for(model, callee, edge.site) for edge in model.edges.get(fq, ())):
        return True
    return bool(locking_lines(facts, func, line))


def locking_lines(facts: ModuleFacts, func: FunctionFacts, before: int) -> list[int]:
    """The lines of the function's locking reads above `before`."""
    lines = []
    for site in func.calls:
        if site.line >= before:
            continue
        if site.func and site.func[-1].endswith("for_update"):  # also a repository's `get_order_for_update`
            lines.append(site.line)
            continue
        text = sql_text(facts, func, site) if site.args else ""
        if text and _FOR_UPDATE.search(text):
            lines.append(site.line)
    return lines


def locks_for(model, callee: str, site) -> bool:
    """The project function locks a row when called as `site` calls it."""
    flag = _lock_flag(model, callee)
    if not flag:
        return flag == ""
    value = argument(site, model.functions[callee][1], flag)
    return value is not None and value is not False and value != 0


def _lock_flag(model, fq: str) -> str | None:
    """How the project function takes a row lock (once per run and function): None when it never
    does, "" when it always does, or the name of the flag parameter (default False/None) every
    locking read sits under (`if lock: stmt = stmt.with_for_update()`)."""
    facts, func = model.functions[fq]

    def compute() -> str | None:
        lines = locking_lines(facts, func, func.end_line + 1)
        if not lines:
            return None
        flags = {_guarding_flag(func, line) for line in lines}
        return flags.pop() if len(flags) == 1 else ""
    return model.memo(f"concurrency.lock_flag.{fq}", compute)


def _guarding_flag(func: FunctionFacts, line: int) -> str:
    """The parameter, off by default, whose bare truth test (`if lock:`) encloses `line` ("" when none)."""
    flags = {p.name for p in func.params if p.has_default and p.default in (None, False)}
    return next((b["names"][0] for b in func.extra.get("blocks", ())
                 if b.get("kind") == "if" and b["line"] < line <= b["end"] and len(b.get("names", ())) == 1
                 and b["names"][0] in flags and b["names"][0] in b.get("present", ())), "")
