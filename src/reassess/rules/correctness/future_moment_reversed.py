"""RA734 logic-error: `due_at=now - timedelta(days=term)` or `days_left = (now - expiry).days`, a
moment ahead computed from the current time the wrong way."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ...knowledge.clocks import DURATIONS
from ...model.app import is_test_path
from ..api import FileContext, Rule, register
from ._conditions import Func, clock_names, is_clock, nodes_with_function, own_name, source_of, span_read, where

# a stored moment that lies ahead of the one it is computed from
_AHEAD = frozenset({"expires", "expiry", "expiration", "expire", "due"})
# ... unless the name says it is a bound in the past (`past_due_at`, `expires_before`, `look_back_until`)
_BEHIND = frozenset({"past", "overdue", "before", "since", "ago", "cutoff", "back", "after", "min", "max",
                     "from", "start", "old", "oldest", "grace", "check", "checked"})
# a span of time left before a moment ahead (`days_left`, `seconds_until_reset`, `ttl`)
_LEFT = frozenset({"until", "left", "remaining", "remain", "ttl"})
_ELAPSED = frozenset({"since", "ago", "age", "elapsed", "overdue", "past", "late", "lateness", "now"})
# a span named as a lifetime (`self._ttl`, `settings.token_lifetime`)
_LIFETIME = frozenset({"ttl", "lifetime", "validity", "expiry", "expiration", "term", "duration", "period"})
# calls that store what they are given: a record built (`Fine(...)`), a row updated (`.values(...)`)
_STORING = frozenset({"values", "update", "dict"})


@register
class FutureMomentReversed(Rule):
    """An expiry or due moment set behind the current time, or the time left until one counted backwards.

    What it finds:
        Two shapes of one mistake: a moment that lies ahead, computed from the current time with
        the wrong sign.
        A moment stored under an expiry or due name (`due_at`, `expires_at`, `expiry`,
        `"expires_at"`) as a clock reading minus a configured span: `Fine(due_at=issued_at -
        timedelta(days=self._settings.fine_payment_days))`, `token.expires_at = now - self._ttl`,
        `{"expires_at": time.time() - lifetime}`. The clock reading is a clock call, a name such as
        `now`, or a local bound to one; the span is a `timedelta(...)`/`relativedelta(...)` of a
        setting, attribute or name (a literal span is left alone: tests and revocations set
        `expires_at = now - timedelta(minutes=1)` on purpose), or a name saying lifetime (`ttl`,
        `lifetime`, `validity`). Only stored moments count (a keyword of a record being built or a
        row update, an attribute, a dict key): a local named `expiry` is often a cutoff. Names
        saying a bound in the past (`past_due_at`, `expires_before`) are left alone.
        And a span named as time left (`days_left`, `seconds_until_reset`, `ttl`; a function named
        so, `days_until_expiry`, for what it returns) computed as the current time minus another
        moment: `(now - not_after).days`, `(utcnow() - reset_at).total_seconds()` (the `.days` or
        `.total_seconds()` shows both operands are moments). Outside tests.

    Why it matters:
        The result lies on the wrong side of now. A fine is overdue the moment it is issued and a
        token expired before it was handed out; a count of days left comes out negative for every
        certificate still valid, so each one is reported as expired while the expired ones look
        fine.

    Example:
        issued_at = utcnow()
        fine = Fine(issued_at=issued_at, due_at=issued_at - timedelta(days=settings.fine_payment_days))

    Instead:
        Add the span to move forward from now (and subtract now from the moment ahead for time left):

            fine = Fine(issued_at=issued_at, due_at=issued_at + timedelta(days=settings.fine_payment_days))
            days_left = (not_after - now).days
    """

    id = "RA734"
    name = "future-moment-reversed"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if is_test_path(ctx.path):
            return
        for func, clocks in _functions_subtracting_from_now(ctx.tree):
            for node in own_nodes(func.body):
                for name, value in _named_values(node, func):
                    found = _moment_behind(name, value, clocks) or _left_reversed(name, value, clocks)
                    if found is not None:
                        yield self._finding(ctx, func, name, *found)

    def _finding(self, ctx: FileContext, func: Func, name: str, diff: ast.BinOp, span: bool) -> Finding:
        text, now, other = (source_of(ctx.lines, n) for n in (diff, diff.left, diff.right))
        name = name.lstrip(".")
        if span:
            title = f"`{name}` counts the time left backwards: `{text}`"
            description = (f"In {where(func)}, `{name}` is the time left until `{other}`, but `{text}` subtracts "
                           f"that moment from the current time `{now}`: while `{other}` is still ahead the result "
                           "is negative, so everything still valid looks overdue or expired, and what has expired "
                           "looks fine.")
            fix = f"Subtract the current time from the moment ahead: `{other} - {now}`."
        else:
            title = f"`{name}` is set behind the current time: `{text}`"
            description = (f"In {where(func)}, `{name}` is a moment that lies ahead, but `{text}` moves back from "
                           f"the current time `{now}` by `{other}`: it is in the past from the start, so the item "
                           "is expired or overdue the moment it is made.")
            fix = f"Move forward from now: `{now} + {other}`."
        return self.finding(ctx.loc(diff), title, description, recommendation=fix)


def _functions_subtracting_from_now(tree: ast.AST) -> list[tuple[Func, frozenset[str]]]:
    """(function, its clock locals) for the functions holding a subtraction from a clock reading
    (`now - x`), from the shared walk; each function's clock locals are found once, not per subtraction."""
    clocks: dict[Func, frozenset[str]] = {}
    found: dict[Func, None] = {}
    for node, func in nodes_with_function(tree):
        if func is not None and func not in found and isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub):
            if func not in clocks:
                clocks[func] = clock_names(func)
            if is_clock(node.left, clocks[func]):
                found[func] = None
    return [(func, clocks[func]) for func in found]


def _named_values(node: ast.AST, func: Func) -> Iterator[tuple[str, ast.expr]]:
    """(name, value) pairs for the ways a value gets a name here: a stored moment (an attribute or
    string key assigned, a dict literal's key, a keyword of a storing call, marked with a leading
    "." so a local does not count) and a local or the function's returned value."""
    if isinstance(node, ast.Call):
        if _stores(node):
            yield from (("." + k.arg, k.value) for k in node.keywords if k.arg)
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield "." + key.value, value
    elif isinstance(node, ast.Return):
        if node.value is not None:
            yield func.name, node.value
    elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            name = own_name(target)
            if name:
                yield ("" if isinstance(target, ast.Name) else ".") + name, node.value


def _stores(call: ast.Call) -> bool:
    """A record built (`Fine(...)`, a CapWords class) or a row or mapping updated (`.values(...)`)."""
    name = own_name(call.func)
    return name in _STORING or name[:1].isupper() and not name.isupper()


def _tokens(name: str) -> set[str]:
    return set(name.lstrip(".").lower().split("_"))


def _moment_behind(name: str, value: ast.expr, clocks: frozenset[str]) -> tuple[ast.BinOp, bool] | None:
    """`now - <configured span>` stored under an expiry or due name."""
    words = _tokens(name)
    if not name.startswith(".") or not words & _AHEAD or words & _BEHIND:
        return None
    if not (isinstance(value, ast.BinOp) and isinstance(value.op, ast.Sub) and is_clock(value.left, clocks)):
        return None
    return (value, False) if _configured_span(value.right) else None


def _configured_span(node: ast.expr) -> bool:
    """`timedelta(days=settings.term)` (a span of names, attributes or calls, none negative), or a
    name saying lifetime (`self._ttl`)."""
    if isinstance(node, ast.Call):
        func = ast.unparse(node.func)
        amounts = [*node.args, *(k.value for k in node.keywords)]
        return func in DURATIONS and bool(amounts) and not any(
            isinstance(a, ast.UnaryOp) for n in amounts for a in ast.walk(n)) and any(
            not isinstance(a, ast.Constant) for a in amounts)
    return bool(_tokens(own_name(node)) & _LIFETIME)


def _left_reversed(name: str, value: ast.expr, clocks: frozenset[str]) -> tuple[ast.BinOp, bool] | None:
    """`(now - moment).days` named as time left."""
    words = _tokens(name)
    if name.startswith(".") or not words & _LEFT or words & _ELAPSED:
        return None
    diff = span_read(value)
    if isinstance(diff, ast.BinOp) and isinstance(diff.op, ast.Sub) and is_clock(diff.left, clocks) \
            and not is_clock(diff.right, clocks):
        return diff, True
    return None
