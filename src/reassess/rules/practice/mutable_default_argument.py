"""RA890 python-idiom: a list, dict or set default that the function mutates, stores or returns."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ..quality.sizing import plural
from ._idioms import Idiom, served_idioms

MAX_LISTED = 6


@register
class MutableDefaultArgument(Rule):
    """A mutable default argument (`def f(items=[])`) that the function changes or lets escape.

    What it finds:
        Parameters whose default is a list, dict or set (a display or `list()`, `dict()`,
        `set()`, `defaultdict()`, `deque()`...) and that the function mutates (`append`,
        `update`, `x[k] = v`, `+=`), stores on an object (`self.items = items`) or returns.
        A default the function only reads, or rebinds first (`items = list(items)`), and a
        parameter named as a cache (`cache={}`, `memo`, `*_cache`) filled across calls on
        purpose, are not this bug and are left to the idiom rule. Tests, migrations and generated files are
        left out. One finding per file.

    Why it matters:
        A default is evaluated once, when the `def` runs: every call that relies on it shares
        one object. What one request appends, the next sees; a returned or stored default is
        changed by whoever holds it. The bug is silent, depends on call order and usually
        surfaces as data leaking between requests or users.

    Example:
        def add_tag(order, tags=[]):
            tags.append(order.symbol)
            return tags

    Instead:
        def add_tag(order, tags: list[str] | None = None) -> list[str]:
            tags = [] if tags is None else tags
            tags.append(order.symbol)
            return tags
    """

    id = "RA890"
    name = "mutable-default-argument"
    category = "python-idiom"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        found = [i for i in served_idioms(ctx)
                 if i.kind == "mutable-default" and i.data["how"] in _HOW]
        if found:
            yield self._finding(ctx, found)

    def _finding(self, ctx: FileContext, found: list[Idiom]) -> Finding:
        listed = "; ".join(f"`{i.function}` {_how(i)} its default `{i.data['param']}={i.data['default']}` "
                           f"(line {i.data['how_line']})" for i in found[:MAX_LISTED])
        more = f"; and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
        first = found[0]
        related = [ctx.line_loc(first.data["how_line"], note=_where(first))]
        for item in found[1:]:
            related.append(ctx.line_loc(item.line, item.end_line, f"`{item.function}`: default "
                                                                   f"`{item.data['param']}={item.data['default']}`"))
            related.append(ctx.line_loc(item.data["how_line"], note=_where(item)))
        return self.finding(
            ctx.line_loc(first.line, first.end_line),
            f"{plural(len(found), 'mutable default argument')} shared across calls in `{ctx.path}`",
            f"In `{ctx.path}`: {listed}{more}. The default object is created once, when the `def` runs, so every "
            "call that omits the argument works on the same object and sees what earlier calls left in it.",
            recommendation=_recommendation(first), related=related,
            extra={"idioms": {"mutable-default-shared": len(found)}},
        )


_HOW = {"mutated": "mutates", "stored": "stores", "returned": "returns"}


def _how(item: Idiom) -> str:
    return _HOW[item.data["how"]]


def _where(item: Idiom) -> str:
    return f"the default `{item.data['param']}` is {item.data['how']} here, so the next call sees it"


def _recommendation(item: Idiom) -> str:
    param, default = item.data["param"], item.data["default"]
    kind = "list" if default.startswith(("[", "list")) else "set" if default.startswith(("set", "{")) and \
        ":" not in default and default != "{}" else "dict"
    annotation = item.data["annotation"] or kind
    annotation = annotation if "None" in annotation else f"{annotation} | None"
    return ("Default to `None` and create the object inside the function, so each call gets its own; callers "
            "that pass the argument see no change:\n\n"
            f"```python\ndef {item.data['function']}(..., {param}: {annotation} = None):\n"
            f"    {param} = {default} if {param} is None else {param}\n    ...\n```")
