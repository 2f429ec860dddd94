"""RA225 unbounded-cache: `functools.cache` / `lru_cache` on an instance method."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import Decorator, FunctionFacts
from ...findings import Finding
from ...knowledge.memoisers import cache_decorator
from ..api import FileContext, Rule, register
from ._common import served_path

def cached_functions(ctx: FileContext) -> Iterator[tuple[FunctionFacts, Decorator]]:
    """Each function of a served file (not tests, migrations or tooling) with its cache decorator."""
    if not served_path(ctx.path):
        return
    for func in ctx.facts.functions.values():
        deco = cache_decorator(ctx.facts, func)
        if deco is not None:
            yield func, deco


def unbounded(deco: Decorator) -> bool:
    """`@cache`, `@lru_cache(maxsize=None)` or `@lru_cache(None)`."""
    if deco.func.endswith("cache") and not deco.func.endswith("lru_cache"):
        return True
    if "maxsize" in deco.kwargs:
        return deco.kwargs["maxsize"] is None
    return bool(deco.args) and deco.args[0] is None


def instance_method(func: FunctionFacts) -> bool:
    """A method taking `self` (not a static or class method): its cache is keyed on the instance."""
    return bool(func.class_name and func.params) and func.params[0].name == "self" \
        and not any(d.func in ("staticmethod", "classmethod") for d in func.decorators)


def written(deco: Decorator, forever: bool) -> str:
    """The decorator as the findings show it: `@cache`, `@lru_cache(maxsize=None)`, `@lru_cache`."""
    return f"@{deco.func}" + ("(maxsize=None)" if forever and "lru" in deco.func else "")


@register
class LruCacheOnMethod(Rule):
    """`@functools.cache` or `@functools.lru_cache` on an instance method.

    What it finds:
        Methods (first parameter `self`, not static or class methods) decorated with
        `functools.cache` or `lru_cache(maxsize=None)`. A bounded `lru_cache(maxsize=N)` pins at
        most N entries (and their instances), so it is not reported.

    Why it matters:
        The cache lives on the function, not the instance, and its keys include `self`: every
        instance that ever called the method stays in memory for as long as the cache holds
        its entries (for `cache` and `maxsize=None`, forever, with unbounded growth).

    Example:
        class PriceBook:
            @lru_cache(maxsize=None)
            def fx(self, pair: str) -> Decimal: ...

    Instead:
        Cache per instance (a dict or `cachetools.LRUCache`/`TTLCache` created in
        `__init__`), or cache a module-level function that does not take `self`:

            self._fx = cachetools.TTLCache(maxsize=256, ttl=60)
    """

    id = "RA225"
    name = "lru-cache-on-method"
    category = "unbounded-cache"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.5

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for func, deco in cached_functions(ctx):
            if not instance_method(func):
                continue
            forever = unbounded(deco)
            if not forever:
                continue  # a bounded cache pins at most `maxsize` entries: bounded memory, not a leak
            how = written(deco, forever)
            yield self.finding(
                ctx.line_loc(deco.line, deco.line),
                f"`{how}` on method `{func.qualname}` keeps instances alive",
                f"`{func.qualname}` is cached with `{how}`: the cache is shared by all instances and keyed on `self`, "
                f"so every instance that calls it is kept alive by the cache"
                " and the cache grows without bound.",
                recommendation=(f"Cache per instance instead, e.g. a dict or `cachetools.TTLCache` created in "
                                f"`__init__`, or move the cached computation to a module-level function that does not "
                                "take `self`:\n\n"
                                f"    self._{func.name}_cache = cachetools.TTLCache(maxsize=256, ttl=300)"),
            )
