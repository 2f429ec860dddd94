"""RA234 cache-misuse: `functools.cache` / `lru_cache` on an `async def`."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from .lru_cache_on_method import cached_functions


@register
class CachedCoroutineFunction(Rule):
    """`@functools.cache` or `@functools.lru_cache` on a coroutine function.

    What it finds:
        `async def` functions and methods decorated with `functools.cache`, `lru_cache` or
        `lru_cache(maxsize=...)`.

    Why it matters:
        Calling an `async def` returns a coroutine object without running it, so the cache
        stores that coroutine, not its result. The first caller awaits it; every later call
        with the same arguments gets the same, already awaited coroutine back and fails with
        `RuntimeError: cannot reuse already awaited coroutine`, so the "cached" path breaks
        on the second request instead of getting faster.

    Example:
        @lru_cache(maxsize=128)
        async def zone_fee(zone: str) -> Decimal:
            return Decimal(await redis.hget("fees", zone) or "0")

    Instead:
        Cache the awaited value, with an expiry (a dict or `cachetools.TTLCache` filled after
        the await), or use an async-aware cache such as `async_lru.alru_cache`:

            _fees = cachetools.TTLCache(maxsize=256, ttl=300)

            async def zone_fee(zone: str) -> Decimal:
                if zone not in _fees:
                    _fees[zone] = Decimal(await redis.hget("fees", zone) or "0")
                return _fees[zone]
    """

    id = "RA234"
    name = "cached-coroutine-function"
    category = "cache-misuse"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.5

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for func, deco in cached_functions(ctx):
            if not func.is_async:
                continue
            yield self.finding(
                ctx.line_loc(deco.line, deco.line),
                f"`@{deco.func}` on coroutine function `{func.qualname}` caches a coroutine, not its result",
                f"`{func.qualname}` is an `async def`: calling it returns a coroutine object, and `@{deco.func}` "
                "stores that object. The first caller awaits it; the next call with the same arguments gets the "
                "same coroutine back and awaiting it again raises `RuntimeError: cannot reuse already awaited "
                "coroutine`.",
                recommendation=("Cache the awaited value instead (a `cachetools.TTLCache` filled after the await), "
                                "or use an async-aware cache such as `async_lru.alru_cache`."),
            )
