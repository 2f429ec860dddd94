"""RA711 logic-error: `timedelta.seconds` read as if it were the whole duration."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import child_nodes
from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, source_of, where

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


@register
class TimedeltaSecondsAsTotal(Rule):
    """`.seconds` of a time difference, which drops every whole day of it.

    What it finds:
        `.seconds` (or `.microseconds`) read from a value that is certainly a `timedelta`:
        a subtraction (`end - start`, ints and floats have no `.seconds`), a `timedelta(...)`
        call, or a local name every assignment of which is one of those, when the function
        never reads `.days` of the same value (code that reads both is splitting the
        duration into its parts on purpose).

    Why it matters:
        `timedelta.seconds` is only the part below one day (0-86399): a 28-day span gives 0,
        a span of 1 day and 5 minutes gives 300. Averages, rates, timeouts and "older than"
        checks built on it are silently wrong for any span of a day or more.

    Example:
        span = readings[-1].read_at - readings[0].read_at
        days = span.seconds / 86400

    Instead:
        Use the whole duration:

            days = span.total_seconds() / 86400
    """

    id = "RA711"
    name = "timedelta-seconds-as-total"
    category = "logic-error"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not any(".seconds" in line or ".microseconds" in line for line in ctx.lines):
            return
        for func in (n for n in ast.walk(ctx.tree) if isinstance(n, _FUNCS)):
            for node in _partial_reads(func):
                text = source_of(ctx.lines, node)
                yield self.finding(
                    ctx.loc(node), f"`{text}` ignores whole days of the duration",
                    f"In {where(func)}, `{text}` (line {node.lineno}) reads `.{node.attr}` of a `timedelta`, "
                    "which holds only the part of the duration below one day; the function never reads "
                    "its `.days`, so any span of a day or more is counted short.",
                    recommendation=f"Use `{source_of(ctx.lines, node.value)}.total_seconds()` for the whole "
                                   "duration.")


def _partial_reads(func: Func) -> list[ast.Attribute]:
    """The `.seconds`/`.microseconds` reads of a certain timedelta whose `.days` `func` never reads."""
    body = _own_nodes(func)
    kinds = _timedelta_locals(body)
    attrs = [n for n in body if isinstance(n, ast.Attribute)]
    days = {ast.dump(n.value) for n in attrs if n.attr == "days"}
    # `floor(d.total_seconds()) + round(d.microseconds / 1e6)`: the whole span is counted, the
    # sub-second part is only a rounding term
    whole = {ast.dump(n.value) for n in attrs if n.attr == "total_seconds"}
    return [n for n in attrs if n.attr in ("seconds", "microseconds") and isinstance(n.ctx, ast.Load)
            and ast.dump(n.value) not in days and not (n.attr == "microseconds" and ast.dump(n.value) in whole)
            and (_is_timedelta(n.value) or isinstance(n.value, ast.Name) and kinds.get(n.value.id, False))]


def _own_nodes(func: Func) -> list[ast.AST]:
    """The nodes of `func` outside the functions nested in it (those are read on their own)."""
    out = [node for node in child_nodes(func) if not isinstance(node, _FUNCS)]
    for node in out:  # breadth first, like ast.walk: `out` grows as it is read
        out.extend(child for child in child_nodes(node) if not isinstance(child, _FUNCS))
    return out


def _timedelta_locals(body: list[ast.AST]) -> dict[str, bool]:
    """Local name -> whether every assignment of it is a timedelta (loop, walrus and augmented
    targets are not)."""
    kinds: dict[str, bool] = {}
    for node in body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    kinds[target.id] = kinds.get(target.id, True) and _is_timedelta(node.value)
        elif isinstance(node, (ast.AugAssign, ast.For, ast.NamedExpr)) and isinstance(node.target, ast.Name):
            kinds[node.target.id] = False
    return kinds


def _is_timedelta(value: ast.expr) -> bool:
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Sub):
        return True
    func = value.func if isinstance(value, ast.Call) else None
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name == "timedelta"
