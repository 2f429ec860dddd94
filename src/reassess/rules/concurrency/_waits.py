"""Calls whose wait holds nothing up: on a branch the project never takes, or just before the
process exits. Checked at every hop of a blocking chain, so such a branch cuts the chain below it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.exceptions import PROCESS_EXITS, RAISED_EXITS
from ...model.resilience.trace import argument_for
from ._calls import target_name

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel


def never_waited(model: "ProjectModel", edge: Edge) -> bool:
    """The call's wait holds up nothing: its branch never runs as the project calls the function
    (`unset_flag_branch`), or the process ends right after it (`exit_branch`)."""
    return unset_flag_branch(model, edge) or exit_branch(model, edge)


def exit_branch(model: "ProjectModel", edge: Edge) -> bool:
    """The call sits in the body of an `if` whose last statement ends the process (`if args.version:
    print(version_text()); sys.exit(0)`): the loop it blocks is about to be torn down, nothing else
    it would serve waits behind it. Only process exits count, not a `return` (the caller carries
    on). Checked at every hop, so a caller's exit branch cuts the chain below it too."""
    spans = model.memo(f"blocking.exit_spans.{edge.caller}", lambda: _exit_spans(model, edge.caller))
    line = edge.site.line
    return any(start < line <= end for start, end in spans)


def _exit_spans(model: "ProjectModel", fq: str) -> tuple[tuple[int, int], ...]:
    """(test line, body end) of each `if` in `fq` whose body's last statement is a process exit
    (a call of one, or a bare `raise SystemExit`), read from the recorded blocks and the function's
    calls. An exit inside a trailing loop, `try` or nested `if` is conditional: not counted."""
    entry = model.functions.get(fq)
    ifs = [b for b in [*entry[1].extra.get("sync_ifs", ()), *entry[1].extra.get("blocks", ())]
           if b.get("kind") == "if" and b.get("tail")] if entry else []
    exits = {e.site.line for e in model.edges.get(fq, ()) if target_name(e) in PROCESS_EXITS} if ifs else set()
    return tuple((b["line"], b["end"]) for b in ifs
                 if b["tail"] in exits or b.get("tail_raise") in RAISED_EXITS)


def unset_flag_branch(model: "ProjectModel", edge: Edge) -> bool:
    """The call sits in the body of an else-less `if flag:` on a parameter that defaults to False
    (`def send(..., blocking: bool = False)` ... `if blocking: return post()`), and no call of the
    function in the project sets that parameter: as the project calls it, that branch never runs
    (the default path hands the work to a thread, say). A function nothing in the project calls
    may be called with the flag from outside, and keeps the branch."""
    flag = flag_of(model, edge)
    callers = model.callers.get(edge.caller, ()) if flag else ()
    func = model.functions[edge.caller][1] if flag else None
    return bool(callers) and not any(sets_flag(e.site, func, flag) for e in callers)


def flag_of(model: "ProjectModel", edge: Edge) -> str:
    """The parameter defaulting to False whose else-less `if flag:` holds the call ("" for none)."""
    entry = model.functions.get(edge.caller)
    if entry is None:
        return ""
    func, line = entry[1], edge.site.line
    spans = [(start, end) for start, end in func.extra.get("optional", ()) if start <= line <= end]
    if not spans:
        return ""
    flags = {p.name for p in func.params if p.has_default and p.default is False}
    tests = [b for b in [*func.extra.get("sync_ifs", ()), *func.extra.get("blocks", ())] if b["kind"] == "if"
             and any(b["line"] < start and b["end"] == end for start, end in spans)]
    return next((b["names"][0] for b in tests if len(b.get("names", ())) == 1 and not b.get("chains")
                 and not b.get("calls") and b["names"][0] in flags), "")


def sets_flag(site, func, flag: str) -> bool:
    """The call may pass the flag as something other than False (`**options` may hold it)."""
    value, passed = argument_for(site, func, flag, False)
    return site.star_args or passed and value is not False
