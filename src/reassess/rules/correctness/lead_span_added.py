"""RA736 logic-error: `remind_at = deadline + timedelta(hours=REMIND_BEFORE_HOURS)`, a span named as coming
before a moment added to it."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ...knowledge.clocks import DURATIONS
from ..api import FileContext, Rule, register
from ._conditions import Func, name_words, named_values, own_name, source_of, where

# words naming a span that comes before a moment (`REMIND_BEFORE_HOURS`, `settings.warn_days_prior`)
_BEFORE = frozenset({"before", "prior"})
# what may follow that word in the span's name: a unit, or the moment it precedes (`NOTIFY_BEFORE_START_MIN`);
# anything else names the action it waits for (`DAYS_BEFORE_PURGE` counts after expiry, not before it)
_TAIL = frozenset({"s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr", "hrs",
                   "hour", "hours", "d", "day", "days", "w", "week", "weeks", "ms", "td", "delta", "span", "window",
                   "deadline", "due", "start", "expiry", "cutoff", "event"})
# words naming the later moment a span before it is measured back from
_LATER = frozenset({"deadline", "cutoff", "due", "expiry", "expires", "expiration", "start", "starts", "begin",
                    "begins", "kickoff"})


@register
class LeadSpanAdded(Rule):
    """A span named as coming before a deadline or start added to that moment.

    What it finds:
        `later + span` where `later` is named as a deadline, due moment, expiry or start
        (`deadline`, `event.starts_at`, `token.expires_at`), and the span is named as lying before
        it: `timedelta(hours=REMIND_BEFORE_HOURS)`, `timedelta(days=settings.warn_days_prior)`, or a
        span constant so named (`NOTIFY_BEFORE`). Only when the word is last in the span's name or
        followed by a unit or the moment itself: `DAYS_BEFORE_PURGE` waits before a purge and counts
        forward. The result must be named (an assignment, a keyword, a returned value) and not itself
        as a deadline or start: `deadline = reminder.due_at + timedelta(hours=REMIND_BEFORE_HOURS)`
        rebuilds the deadline from the reminder's time, which is right.

    Why it matters:
        The moment meant to come before the deadline comes after it: the reminder to submit a
        timesheet arrives a day after the cut-off, the renewal warning after the certificate expired.

    Example:
        deadline = submission_deadline(period_end)
        remind_at = deadline + timedelta(hours=REMIND_BEFORE_HOURS)

    Instead:
        Subtract the span:

            remind_at = deadline - timedelta(hours=REMIND_BEFORE_HOURS)
    """

    id = "RA736"
    name = "lead-span-added"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not any(_BEFORE.intersection(name_words(line)) for line in ctx.lines):
            return  # no span named so: no walk
        for func in (n for n in ast.walk(ctx.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in own_nodes(func.body):
                for name, value in named_values(node, func, keywords=True):
                    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add) and not _later_name(name) \
                            and _later(value.left) and _before_span(value.right):
                        yield self._finding(ctx, func, name, value)

    def _finding(self, ctx: FileContext, func: Func, name: str, total: ast.BinOp) -> Finding:
        text, later, span = (source_of(ctx.lines, n) for n in (total, total.left, total.right))
        description = (f"In {where(func)}, `{name}` is set to `{text}`: `{span}` is named as a span before "
                       f"`{later}`, but it is added, so `{name}` falls that long after `{later}` instead of before "
                       "it. What should happen ahead of the deadline or start happens once it has passed.")
        return self.finding(ctx.loc(total), f"`{name}` lands after `{later}`: `{text}` adds a span meant before it",
                            description, recommendation=f"Subtract the span: `{later} - {span}`.")


def _later_name(name: str) -> bool:
    return not _LATER.isdisjoint(name_words(name))


def _later(node: ast.expr) -> bool:
    return _later_name(own_name(node))


def _before_span(node: ast.expr) -> bool:
    """`timedelta(hours=REMIND_BEFORE_HOURS)` (one amount so named) or a span so named (`NOTIFY_BEFORE`)."""
    if isinstance(node, ast.Call) and ast.unparse(node.func) in DURATIONS:
        amounts = [*node.args, *(k.value for k in node.keywords)]
        return len(amounts) == 1 and _before_span(amounts[0])
    words = name_words(own_name(node))
    at = next((i for i, w in enumerate(words) if w in _BEFORE), None)
    return at is not None and all(w in _TAIL for w in words[at + 1:])
