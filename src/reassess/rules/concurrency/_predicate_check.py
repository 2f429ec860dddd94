"""A state tested through a repository predicate, then set on the row loaded again (RA321):
`if await repo.is_assigned(member_id): raise`, where `is_assigned` loads the member and answers
`member.vessel_id is not None`, then `member = await repo.get(member_id)`, `member.vessel_id = v`
and a commit. Neither load locks the row, so two requests both pass the test and both write."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ...facts.types import FunctionFacts
from ._calls import bound_local
from ._dbaccess import Access

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_ANSWER = re.compile(r"\b([a-z_]\w*)\.(\w+)\s+(?:is\s+not|is|==|!=|not\s+in|in)\s")


def predicate_then_set(model: "ProjectModel", fq: str, func: FunctionFacts, read: Access, reads: list[Access],
                       written: Callable[[int], int],
                       locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, write line) when `read` is a project predicate tested by an
    exiting `if` on its own line, answering from a column of the row it loads, and a later unlocked
    read of the same table by the same key binds a row whose column the coroutine then sets (with
    no test of it in between) and writes back."""
    block = next((b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and b["line"] == read.line
                  and b.get("exits")), None)
    column = _answered_column(model, fq, read) if block is not None and read.through else ""
    if not column:
        return None
    key = _key_refs(func, read)
    for again in reads:
        row = bound_local(func, again.line, again.call) if again.table == read.table else ""
        if not row or again.line <= block["end"] or not key & _key_refs(func, again):
            continue
        chain = f"{row}.{column}"
        for store in func.extra.get("stores", ()):
            if store["target"] != chain or store["kind"] not in ("set", "aug") or store["line"] <= again.line \
                    or _retested(func, chain, again.line, store["line"]):
                continue
            write = written(store["line"])
            if write and not locked(func, read.line, store["line"]):
                return row, block["line"], {**store, "predicate": again.line}, write
    return None


def _answered_column(model: "ProjectModel", fq: str, read: Access) -> str:
    """The column of the row the predicate loads that its `return` compares (`return member is not
    None and member.vessel_id is not None` -> "vessel_id"); "" when it answers otherwise."""
    edge = next((e for e in model.edges.get(fq, ()) if e.site.line == read.line and e.site.name == read.call), None)
    callee = model.callee_function(edge.target) if edge is not None else ""
    if callee not in model.functions:
        return ""
    facts, helper = model.functions[callee]
    loaded = {name for name, value in helper.local_types.items() if isinstance(value, dict) and "call" in value}
    for line in helper.extra.get("return_lines", ()):
        for local, column in _ANSWER.findall(model.line_text(facts.path, line)):
            if local in loaded:
                return column
    return ""


def _key_refs(func: FunctionFacts, read: Access) -> set[str]:
    """The references the read's call is given (`data.member_id`): the row's key."""
    return {v["ref"] for s in func.calls if s.line == read.line and s.name == read.call
            for v in (*s.args, *s.kwargs.values()) if isinstance(v, dict) and isinstance(v.get("ref"), str)}


def _retested(func: FunctionFacts, chain: str, start: int, end: int) -> bool:
    """An `if` between the second load and the store tests the column again."""
    return any(b.get("kind") == "if" and start < b["line"] < end and chain in b.get("chains", ())
               for b in func.extra.get("blocks", ()))
