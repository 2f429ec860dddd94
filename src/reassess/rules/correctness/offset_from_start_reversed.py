"""RA737 logic-error: `solve_minute = (contest.start_at - at).total_seconds() // 60`, the time since a start
counted backwards."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import (Func, functions_subtracting_from, name_words, named_values, own_name, source_of, span_read,
                          where)

# names of the time elapsed since a start (`solve_minute`, `elapsed`, `offset_s`, `run_duration`)
_SINCE = frozenset({"elapsed", "since", "offset", "into", "age", "minute", "second", "hour", "duration", "took",
                    "runtime"})
# ... unless they say the time left before it (`minutes_until_start`, `seconds_before`, `starts_in`)
_UNTIL = frozenset({"until", "till", "left", "remaining", "remain", "before", "ahead", "to", "lead", "notice",
                    "countdown", "wait", "delay", "in", "eta"})
# names of the moment a period starts (`contest.start_at`, `started`, `opened_at`)
_START = frozenset({"start", "starts", "started", "begin", "begins", "began", "opened", "opens"})


@register
class OffsetFromStartReversed(Rule):
    """The time since a start computed as the start minus the later moment.

    What it finds:
        A value named as time elapsed since a start or a position within a period (`elapsed`,
        `solve_minute`, `offset_seconds`, `duration`; a local, an attribute or the function
        returning it) computed as `(start - moment)` read as a span (`.total_seconds()`, `.days`,
        `.seconds`, possibly divided, floored or rounded), where `start` is named as the start
        (`contest.start_at`, `started`) and `moment` is not. Names saying the time left before the
        start (`minutes_until_start`, `starts_in`) are left alone: there the order is right.

    Why it matters:
        The operands are reversed: every moment after the start gives a negative offset. A solve at
        minute 90 scores -90 penalty minutes, so later solves rank above earlier ones; a duration
        shown as negative breaks every average and threshold built on it.

    Example:
        def solve_minute(contest, at):
            return int((contest.start_at - at).total_seconds() // 60)

    Instead:
        Subtract the start from the later moment:

            return int((at - contest.start_at).total_seconds() // 60)
    """

    id = "RA737"
    name = "offset-from-start-reversed"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for func in functions_subtracting_from(ctx.tree, _START):  # only they can hold `start - x`
            for node in own_nodes(func.body):
                for name, value in named_values(node, func):
                    diff = _since_start(value) if _since_name(name) else None
                    if diff is not None:
                        yield self._finding(ctx, func, name, diff)

    def _finding(self, ctx: FileContext, func: Func, name: str, diff: ast.BinOp) -> Finding:
        text, start, moment = (source_of(ctx.lines, n) for n in (diff, diff.left, diff.right))
        description = (f"In {where(func)}, `{name}` is the time since `{start}`, but `{text}` subtracts `{moment}` "
                       f"from the start: for every moment after the start the result is negative, so later "
                       "events come out earlier and everything ranked, summed or tested on it is inverted.")
        return self.finding(ctx.loc(diff), f"`{name}` counts the time since `{start}` backwards: `{text}`",
                            description, recommendation=f"Subtract the start from the later moment: "
                                                        f"`{moment} - {start}`.")


def _since_name(name: str) -> bool:
    words = set(name_words(name))
    return bool(words & _SINCE) and not words & _UNTIL


def _since_start(value: ast.expr) -> ast.BinOp | None:
    """`start - moment` under a span read (`int((start - at).total_seconds() // 60)`)."""
    diff = span_read(value, divided=True)
    if isinstance(diff, ast.BinOp) and isinstance(diff.op, ast.Sub) \
            and _START.intersection(name_words(own_name(diff.left))) \
            and own_name(diff.right) and _START.isdisjoint(name_words(own_name(diff.right))):
        return diff
    return None
