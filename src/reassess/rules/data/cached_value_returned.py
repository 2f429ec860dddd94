"""RA224 cache-misuse: a cached mutable value handed to callers, who can change the cache."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class CachedValueReturned(SmellRule):
    """A method returns the very dict/list object it keeps in an instance cache.

    What it finds:
        `return self._cache[key]` or `return self._cache.get(key)` (directly or through a
        local, `cached = self._cache.get(key)` ... `return cached`) where the class stores
        mutable values (dicts, lists, sets, `response.json()`, `json.loads(...)`, a list the
        method just built, anything stored in an attribute annotated `dict[str, list[int]]`) in
        that dict attribute (a dict or a cachetools `TTLCache`/`LRUCache`),
        or in a module-level dict or cachetools cache (`return _rules_cache[city]`, or
        `cached = _layouts.get(venue_id)` ... `return cached`) from the function that fills
        it, or from any function when the dict is named a cache (a stored value counts as
        mutable when it is a container built in the function or returned by a function of
        the same file that builds one);
        and `return self._tree` from the method that reloads that dict or
        list snapshot when it is stale or missing (`if stale: self._tree = await
        self._load()`). A plain getter of an attribute it never reloads is not reported, nor a
        keyed store of the class's own state whose entries start empty and grow by appends
        (`self.orders[key].append(order)`): nothing is loaded into it, so it is no cache.

    Why it matters:
        Every caller receives the shared cached object: a caller that adds or edits a key
        silently changes what every later caller (and request) sees, and such bugs appear
        far from their cause.

    Example:
        self._meta_cache[symbol] = response.json()
        return self._meta_cache[symbol]

    Instead:
        Return a copy (or cache an immutable value such as a frozen dataclass, a tuple or a
        `types.MappingProxyType`):

            return dict(self._meta_cache[symbol])
    """

    id = "RA224"
    name = "cached-value-returned"
    category = "cache-misuse"
    severity = "LOW"
    base_effort = 0.5
    kinds = ("cache-returned",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        attr, cls = smell.data["attr"], smell.data["class"]
        if smell.data.get("module"):
            return self._module(ctx, smell, attr)
        if smell.data.get("whole"):
            return self._snapshot(ctx, smell, attr, cls)
        alias, shape = smell.data.get("alias", ""), smell.data.get("shape", "dict")
        via = f" (read into `{alias}`)" if alias else ""
        returned = alias or f"self.{attr}[{smell.data.get('key') or 'key'}]"
        immutable = "a tuple" if shape == "list" else "a frozenset" if shape == "set" else "a MappingProxyType"
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{cls}` returns the cached object from `self.{attr}` itself",
            f"{self.where(smell)} returns the mutable {shape} stored in `self.{attr}`{via} (stored at line "
            f"{smell.data['store_line']}) without copying it, so any caller that changes the result changes the "
            f"cache for everyone.",
            related=[ctx.line_loc(smell.data["store_line"], note="the value stored in the cache")],
            recommendation=(f"Return a copy, or cache an immutable value ({immutable}):\n\n"
                            f"    return {shape}({returned})"),
        )

    def _module(self, ctx: FileContext, smell: Smell, attr: str) -> Finding:
        alias = smell.data.get("alias", "")
        returned = alias or f"{attr}[{smell.data['key']}]"
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{smell.function}` returns the cached object from module-level `{attr}` itself",
            f"{self.where(smell)} returns the mutable value stored in the module-level cache `{attr}`"
            + (f" (read into `{alias}`)" if alias else "") + " (stored at "
            f"line {smell.data['store_line']}) without copying it: the dict is shared by every request in the "
            f"process, so any caller that changes the result changes the cache for everyone.",
            related=[ctx.line_loc(smell.data["store_line"], note="the mutable value stored in the cache")],
            recommendation=(f"Return a copy, or cache an immutable value (`types.MappingProxyType`, a tuple, a "
                            f"frozen dataclass):\n\n    return copy.deepcopy({returned})"),
        )

    def _snapshot(self, ctx: FileContext, smell: Smell, attr: str, cls: str) -> Finding:
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{cls}` returns its cached `self.{attr}` snapshot itself",
            f"{self.where(smell)} reloads `self.{attr}` when it is stale (line {smell.data['store_line']}) and "
            f"returns that same mutable object to every caller until the next reload: a caller that deletes, "
            f"adds or edits an entry (filtering the result, say) changes what every other request sees.",
            related=[ctx.line_loc(smell.data["store_line"], note="the snapshot reloaded into the cache")],
            recommendation=(f"Hand out a copy (a deep one if the values are mutable too), or cache an immutable "
                            f"value:\n\n    return copy.deepcopy(self.{attr})"),
        )
