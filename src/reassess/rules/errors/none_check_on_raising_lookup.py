"""RA109 inconsistent-error-handling: `if x is None` after a call that raises instead of returning None."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import FunctionFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register

_MAX_HOPS = 4


@register
class NoneCheckOnRaisingLookup(Rule):
    """A caller handles "not found" as `None` from a function that raises for it instead.

    What it finds:
        `row = await repo_or_service.get(...)` followed by `if row is None: raise/return ...`,
        where the call resolves to one project function that never returns `None`: it (or the
        function whose result it returns directly, a few delegations down) tests its own lookup
        for `None` and raises (`if payment is None: raise LookupError(...)`), returns only that
        value, and is not annotated as returning `None`/`Optional`.

    Why it matters:
        The caller's not-found branch is dead: the exception arrives instead, and since the
        caller does not catch it, a missing id that should answer 404 (or be skipped) becomes a
        500 or a crashed job. The two layers disagree on how absence is signalled, usually
        because one of them was changed (repositories switched to raising) without the other.

    Example:
        payment = await payments.get(payment_id)     # PaymentsRepo.get raises LookupError
        if payment is None:
            raise HTTPException(404, "payment not found")

    Instead:
        Handle the signal the callee uses:

            try:
                payment = await payments.get(payment_id)
            except LookupError:
                raise HTTPException(404, "payment not found") from None
    """

    id = "RA109"
    name = "none-check-on-raising-lookup"
    category = "inconsistent-error-handling"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for fq, facts, func in model.iter_functions():
            if is_test_path(facts.path):
                continue
            for block in blk.blocks(func, "if"):
                name = _absent_exit(block)
                if not name:
                    continue
                bound = func.local_types.get(name)
                if not isinstance(bound, dict) or "call" not in bound or not 0 < bound.get("line", 0) < block["line"]:
                    continue
                if any(s.in_try for s in func.calls if s.line == bound["line"]):
                    continue  # the caller also catches what the call raises
                raiser = _raising_lookup(model, fq, func, int(bound.get("line", 0)))
                if raiser is not None:
                    yield self._finding(model, facts.path, fq, block, name, bound["call"], raiser,
                                        _same_answer(func, block, raiser[1]))

    def _finding(self, model: ProjectModel, path: str, fq: str, block: dict, name: str, call: str,
                 raiser: tuple[str, dict], same: bool) -> Finding:
        target, raised = raiser
        target_facts, target_func = model.functions[target]
        exc = raised['exc'] or 'an exception'
        outcome = (f"the caller's branch raises `{exc}` too, so the answer is the callee's: the branch is dead "
                   "code that suggests a None the callee never returns" if same else
                   "the exception escapes the caller instead of the answer it meant to give")
        description = (f"`{short(fq)}` tests `{name} is None` (line {block['line']}) after `{call}()`, but that call "
                       f"ends in `{target_func.qualname}`, which raises `{exc}` "
                       f"(line {raised['line']}) when nothing is found and never returns None: the branch "
                       f"never runs, and {outcome}.")
        return self.finding(
            Location(path, block["line"], block["line"]), f"`{name} is None` never true after `{call}()`",
            description, severity="LOW" if same else self.severity,
            related=[Location(target_facts.path, raised["line"], raised["line"], "raises instead of returning None")],
            impact=("A reader trusts a not-found branch that never runs; a later change to either side (another "
                    "message, another status) goes unnoticed." if same else ""),
            recommendation=(f"Drop the `{name} is None` branch: `{target_func.name}` already raises `{exc}` for a "
                            "missing value. Or make it return None (annotated `| None`) if the caller should decide."
                            if same else
                            f"Catch `{raised['exc'] or 'the exception'}` around `{call}()` and answer there, or make "
                            f"`{target_func.name}` return None (annotated `| None`) like the caller expects."))


def _raising_lookup(model: ProjectModel, fq: str, func: FunctionFacts, line: int) -> tuple[str, dict] | None:
    """(function, its raise block) when the call on `line` ends, through direct delegations, in a
    function that raises for a missing value and never returns None."""
    for _ in range(_MAX_HOPS):
        awaited = _awaited(func, line)
        targets = {model.callee_function(e.target) for e in model.edges.get(fq, ())
                   if e.site.line == line and e.site.awaited == awaited}
        targets.discard("")
        if len(targets) != 1:
            return None
        fq = targets.pop()
        func = model.functions[fq][1]
        if _admits_none(func.returns) or not func.returns_values:
            return None
        raised = _raises_when_absent(func)
        if raised is not None:
            return fq, raised
        delegated = func.returns_values[0]
        if len(func.returns_values) != 1 or not isinstance(delegated, dict) or "call" not in delegated:
            return None
        line = func.extra.get("return_lines", [0])[0]
    return None


def _same_answer(func: FunctionFacts, block: dict, raised: dict) -> bool:
    """The caller's dead branch raises the exception class the callee raises for the same absence
    (`HTTPException` on both sides): the caller answers what the callee already answers, so
    nothing is lost but the dead check."""
    own = next(iter(blk.raises_in(func, block["line"] + 1, block["end"])), None)
    return bool(raised.get("exc")) and own is not None and own.get("exc") == raised["exc"]


def _awaited(func: FunctionFacts, line: int) -> bool:
    return any(s.awaited for s in func.calls if s.line == line)


def _admits_none(annotation: str) -> bool:
    return not annotation or "None" in annotation or "Optional" in annotation or "Any" in annotation


def _raises_when_absent(func: FunctionFacts) -> dict | None:
    """The raise of `if x is None: raise ...` when every return of `func` returns that `x`."""
    for block in blk.blocks(func, "if"):
        name = _absent_exit(block)
        if not name:
            continue
        raised = next(iter(blk.raises_in(func, block["line"] + 1, block["end"])), None)
        if raised is not None and all(v == {"ref": name} for v in func.returns_values):
            return raised
    return None


def _absent_exit(block: dict) -> str:
    """The one name an exiting `if` tests for None (`if row is None: raise/return ...`), or ""."""
    absent = block.get("absent", ())
    return absent[0] if block.get("exits") and len(absent) == 1 else ""
