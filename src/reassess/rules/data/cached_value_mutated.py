"""RA228 cache-misuse: a value read from an in-process cache changed in place."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class CachedValueMutated(SmellRule):
    """A function reads a dict/list from an in-process cache and changes that object.

    What it finds:
        `value = cache.get(key)` (or `cache[key]`) from an object whose name says it is a
        cache (`_prefs_cache`, `self._cache`), followed by an in-place change of `value`:
        `.update()`, `.append()`, `.pop()`, `value[k] = v` and the other dict, list and set
        mutators, when the function returns the changed value as its result. Not reported:
        a registry that appends to its entries without handing them out, an awaited read (a
        remote cache such as Redis returns a fresh object), a local rebound to a copy before
        the change (`value = dict(value)`), and a read-modify-write that stores the value back
        into the same cache. The same for the result of a function of the same file that returns
        the object it keeps in a cache (`menu = await self.menu(id)` where `menu()` returns the
        cached dict itself) when the caller changes it, or a part of it (`for section in
        menu["sections"]: section["items"] = [...]`) or an item found in it (`plan = next(p for p
        in await self.plans(gym) if ...)`), and hands it on.

    Why it matters:
        An in-process cache hands out the object it holds, not a copy: changing it changes
        the entry itself, so one request's data (a user's overrides, a filtered list) leaks
        into every later hit on that key until it expires, and the bug shows far from here.

    Example:
        cached = _prefs_cache.get(f"prefs:{workspace_id}")
        if cached is not None:
            cached.update(user_overrides)
            return cached

    Instead:
        Build a new object from the cached one:

            if cached is not None:
                return {**cached, **user_overrides}
    """

    id = "RA228"
    name = "cached-value-mutated"
    category = "cache-misuse"
    severity = "MEDIUM"
    base_effort = 0.5
    kinds = ("cache-mutated",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        name, cache, how = smell.data["name"], smell.data["cache"], smell.data["how"]
        if smell.data.get("via"):
            return self._via(ctx, smell, name, cache, how, smell.data["via"])
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{name}` read from `{cache}` is changed in place and returned",
            f"{self.where(smell)} reads `{name}` from `{cache}` (line {smell.data['read_line']}) and changes it in "
            f"place with `{how}` before returning it: the cache holds that same object, so the change is seen by "
            "every later hit on the "
            f"key, not only by this call.",
            related=[ctx.line_loc(smell.data["read_line"], note=f"`{name}` read from `{cache}`")],
            recommendation=(f"Change a copy, never the cached object:\n\n    {name} = dict({name})  # or list(...), "
                            f"copy.deepcopy(...) for nested values\n\nor build the result without mutating, e.g. "
                            f"`{{**{name}, **changes}}`."),
        )

    def _via(self, ctx: FileContext, smell: Smell, name: str, cache: str, how: str, via: str) -> Finding:
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{name}` from `{via}` is the object cached in `{cache}`, and it is changed in place",
            f"{self.where(smell)} gets `{name}` from `{via}` (line {smell.data['read_line']}), which returns the "
            f"object it keeps in `{cache}` itself (line {smell.data['return_line']}), and changes it (or a part "
            f"of it) in place with "
            f"`{how}` before handing it on: the change is written into the cache, so every later hit on that key "
            f"(another request, another user) sees this call's data.",
            related=[ctx.line_loc(smell.data["read_line"], note=f"`{name}` obtained from `{via}`"),
                     ctx.line_loc(smell.data["return_line"], note=f"`{via}` returns the cached object itself")],
            recommendation=(f"Change a copy, taken right after the call (line {smell.data['read_line']}):\n\n"
                            f"    {name} = copy.deepcopy({name})\n\nor make `{via}` return a copy (or an "
                            f"immutable value) so no caller can reach the cached object."),
        )
