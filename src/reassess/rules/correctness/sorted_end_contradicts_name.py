"""RA724 logic-error: `newest = sorted(rows, key=time)[0]`, the end of a time sort opposite to the name."""
from __future__ import annotations

import ast
import re
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, source_of, where

# words of a name that say which end of a time order it holds
_LATE = frozenset({"newest", "latest", "recent", "youngest"})
_EARLY = frozenset({"oldest", "earliest", "eldest"})
# the last word of a field (or its suffix) that holds a point in time
_TIME_WORDS = frozenset({"time", "timestamp", "ts", "date", "datetime", "hour", "day", "when", "mtime", "ctime",
                         "created", "updated", "modified", "seen", "recorded", "observed", "captured"})
_TIME_SUFFIX = re.compile(r"_(at|on|ts|time|date)\Z")


@register
class SortedEndContradictsName(Rule):
    """A value named for one end of a time order taken from the other end of a sort
    (`newest = sorted(readings, key=lambda r: r["hour"])[0]`).

    What it finds:
        An assignment to a name saying newest/latest/most recent (or oldest/earliest) of
        `sorted(...)[0]` or `sorted(...)[-1]`, sorted by a time field (a key reading a field
        named like a time: `hour`, `created_at`, `ts`, `timestamp`, `updated`..., through a
        `lambda`, `attrgetter` or `itemgetter`), whose element is the opposite end: `[0]` of an
        ascending sort is the earliest, `[-1]` the latest, and `reverse=True` swaps them. A key
        that is not a plain field read (`-r.ts`, an age, a computed value) is left alone, as is
        a `reverse=` that is not a literal.

    Why it matters:
        `sorted` is ascending: its first element is the oldest reading. Code using it as the
        newest acts on stale data (a frost alert from yesterday's minimum, a status from the
        first heartbeat), silently, on every call.

    Example:
        newest = sorted(series, key=lambda r: r["hour"])[0]

    Instead:
        Take the end the name means, in one pass:

            newest = max(series, key=lambda r: r["hour"])
    """

    id = "RA724"
    name = "sorted-end-contradicts-name"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.1
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        lines = {number for number, line in enumerate(ctx.lines, 1) if "sorted(" in line}
        if not lines:
            return  # the file walk below only for the few files that sort
        for node, func in _assignments(ctx.tree, None):
            if node.lineno in lines and len(node.targets) == 1:
                found = _contradiction(node.targets[0], node.value)
                if found is not None:
                    yield self._finding(ctx, node, func, *found)

    def _finding(self, ctx: FileContext, node: ast.Assign, func: Func | None, name: str, takes: str,
                 pick: str) -> Finding:
        value = source_of(ctx.lines, node.value)
        means = "latest" if takes == "earliest" else "earliest"
        return self.finding(
            ctx.loc(node), f"`{name}` takes the {takes} item of `sorted(...)`",
            f"In {where(func)}, `{name} = {value}` sorts by time and takes the {takes} item, but the name says "
            f"it holds the {means}: `sorted` is ascending, so `[0]` is the earliest and `[-1]` the latest "
            f"(`reverse=True` swaps them). Everything that uses `{name}` works on the wrong end of the series.",
            recommendation=f"Take the end the name means, in one pass:\n\n    {name} = {pick}({_arguments(ctx, node)})")


def _arguments(ctx: FileContext, node: ast.Assign) -> str:
    """The sorted collection and its key, as written (`series, key=lambda r: r["hour"]`)."""
    call = node.value.value  # type: ignore[attr-defined]
    key = next(k.value for k in call.keywords if k.arg == "key")
    return f"{source_of(ctx.lines, call.args[0])}, key={source_of(ctx.lines, key)}"


def _contradiction(target: ast.expr, value: ast.expr) -> tuple[str, str, str] | None:
    """(name, the end taken, the builtin that takes the meant end) when they disagree."""
    name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
    words = set(name.lower().split("_"))
    late, early = bool(words & _LATE), bool(words & _EARLY)
    if late == early or not isinstance(value, ast.Subscript):
        return None
    call, index = value.value, _index(value.slice)
    if index is None or not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                             and call.func.id == "sorted" and len(call.args) == 1):
        return None
    keywords = {k.arg: k.value for k in call.keywords}
    reverse = keywords.get("reverse")
    if reverse is not None and not (isinstance(reverse, ast.Constant) and isinstance(reverse.value, bool)):
        return None
    if "key" not in keywords or not _time_key(keywords["key"]):
        return None
    descending = bool(reverse is not None and reverse.value)
    takes = "latest" if (index == -1) != descending else "earliest"
    if (takes == "earliest") == late:
        return name, takes, "max" if late else "min"
    return None


def _assignments(node: ast.AST, func: Func | None) -> Iterator[tuple[ast.Assign, Func | None]]:
    """Each assignment with its innermost enclosing function."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Assign):
            yield child, func
        yield from _assignments(child, child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else func)


def _index(node: ast.expr) -> int | None:
    if isinstance(node, ast.Constant) and node.value in (0, -1) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and node.operand.value == 1:
        return -1
    return None


def _time_key(key: ast.expr) -> bool:
    """`lambda r: r["hour"]`, `lambda r: r.created_at`, `attrgetter("ts")`, `itemgetter("date")`: a
    plain read of a field named like a point in time."""
    if isinstance(key, ast.Lambda):
        body = key.body
        if isinstance(body, ast.Subscript) and isinstance(body.slice, ast.Constant):
            return isinstance(body.slice.value, str) and _time_field(body.slice.value)
        return isinstance(body, ast.Attribute) and _time_field(body.attr)
    if isinstance(key, ast.Call) and isinstance(key.func, (ast.Name, ast.Attribute)) and len(key.args) == 1 \
            and (key.func.id if isinstance(key.func, ast.Name) else key.func.attr) in ("attrgetter", "itemgetter"):
        arg = key.args[0]
        return isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _time_field(arg.value.split(".")[-1])
    return False


def _time_field(field: str) -> bool:
    lowered = field.lower()
    return lowered.split("_")[-1] in _TIME_WORDS or bool(_TIME_SUFFIX.search(lowered))
