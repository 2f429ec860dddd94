"""RA226 cache-misuse: an `lru_cache`d function that returns a mutable object."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from .lru_cache_on_method import cached_functions

_MUTABLE = ("list", "dict", "set", "listcomp", "dictcomp", "setcomp")
_MUTABLE_CALLS = ("list", "dict", "set", "defaultdict", "OrderedDict", "json.loads", "json.load")


@register
class CachedMutableResult(Rule):
    """A function cached with `functools.cache`/`lru_cache` that returns a list, dict or set.

    What it finds:
        Cached functions whose `return` builds a list, dict or set (a literal, a
        comprehension, `list(...)`, `dict(...)`, `json.loads(...)`).

    Why it matters:
        The cache hands the same object to every caller; one caller appending to or editing
        it changes the value all later callers get, without any error.

    Example:
        @lru_cache
        def allowed_symbols() -> list[str]:
            return [row.strip() for row in open("symbols.txt")]

    Instead:
        Return an immutable value (a tuple, a frozenset, a `MappingProxyType`), or copy at
        the call site:

            @lru_cache
            def allowed_symbols() -> tuple[str, ...]:
                return tuple(row.strip() for row in open("symbols.txt"))
    """

    id = "RA226"
    name = "cached-mutable-result"
    category = "cache-misuse"
    severity = "LOW"
    scope = "file"
    base_effort = 0.5

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for func, deco in cached_functions(ctx):
            kinds = [_mutable_kind(v) for v in func.returns_values]
            found = next((k for k in kinds if k), "")
            if not found:
                continue
            yield self.finding(
                ctx.line_loc(func.line, func.line),
                f"`{func.qualname}` is cached but returns a mutable {found}",
                f"`{func.qualname}` is decorated with `@{deco.func}` and returns a new {found}; the cache hands that "
                f"same {found} to every caller, so one caller's change leaks into all later results.",
                related=[ctx.line_loc(deco.line, note="the cache decorator")],
                recommendation=(f"Return an immutable value instead (tuple, frozenset or "
                                f"`types.MappingProxyType`), or copy the {found} where callers modify it."),
            )


def _mutable_kind(value) -> str:
    if not isinstance(value, dict):
        return ""  # a literal-only sequence may be a tuple: value_of cannot tell
    literal = value.get("literal", "")
    if literal in _MUTABLE:
        return literal.replace("comp", "")
    call = value.get("call", "")
    if call in _MUTABLE_CALLS:
        return call.rsplit(".", 1)[-1].replace("loads", "dict").replace("load", "dict")
    return ""
