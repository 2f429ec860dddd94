"""RA235 cache-misuse: a cache-aside entry written to Redis with no expiry."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._common import served_path


@register
class CacheEntryWithoutExpiry(Rule):
    """A value cached in Redis on a miss, written without a TTL.

    What it finds:
        A function that reads a Redis key (`await self.redis.get(key)`) and, on a miss, writes
        the value it computed under the same key with `set`/`hset` but no `ex=`/`px=`/`exat=`
        (or `keepttl`), and never calls `expire` on that key: the entry lives until someone
        deletes it. The client is one named like Redis, or an attribute named like a cache that
        the class declares or is handed as a Redis client (`def __init__(self, cache: redis.Redis)`).
        Writes through a pipeline, `setex`, or another client are left alone.

    Why it matters:
        Whatever changes the source without going through this code (another service, an
        admin edit, a calendar the user changed elsewhere, a price update) is never seen:
        the cached value is served forever. The keyspace also only grows, so Redis memory
        fills with entries nobody reads again until the eviction policy (if any) drops keys
        at random, including ones that must not be lost.

    Example:
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        slots = await self._compute_slots(user_id, day)
        await self.redis.set(key, json.dumps(slots))

    Instead:
        Give every cache entry a lifetime that bounds how stale it may be:

            await self.redis.set(key, json.dumps(slots), ex=300)
    """

    id = "RA235"
    name = "cache-entry-without-expiry"
    category = "cache-misuse"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not served_path(ctx.path):
            return
        for func in ctx.facts.functions.values():
            for write in func.extra.get("cache_unexpiring", ()):
                if "attr" in write and not _holds_redis(ctx, func.class_name, write["attr"]):
                    continue
                yield self.finding(
                    ctx.line_loc(write["line"], write["end"]),
                    f"Cache entry `{write['key']}` written without an expiry in `{func.qualname}`",
                    f"`{func.qualname}` reads `{write['key']}` from Redis (line {write['read']}) and on a miss "
                    "writes the value it computed back with no TTL: the entry is served until something deletes "
                    "it, so changes made to the source elsewhere are never seen, and the keyspace only grows.",
                    related=[ctx.line_loc(write["read"], note="the cache read by this key")],
                    recommendation="Set a lifetime on the write, e.g. `await redis.set(key, value, ex=300)`, "
                                   "chosen for how stale the value may be.",
                )


_REDIS_TYPES = frozenset({"Redis", "StrictRedis", "RedisCluster"})


def _holds_redis(ctx: FileContext, class_name: str, attr: str) -> bool:
    """`self._cache` is declared (`_cache: redis.Redis`) or assigned from a parameter annotated
    as a Redis client (`def __init__(self, cache: redis.Redis): self._cache = cache`)."""
    annotations = []
    cls = ctx.facts.classes.get(class_name) if class_name else None
    if cls is not None and attr in cls.annotations:
        annotations.append(cls.annotations[attr])
    for method in ctx.facts.functions.values():
        value = method.self_attrs.get(attr) if method.class_name == class_name else None
        if not isinstance(value, dict):
            continue
        if value.get("ann"):
            annotations.append(str(value["ann"]))
        annotations += [p.annotation for p in method.params if p.name == value.get("ref") and p.annotation]
    return any(_redis_annotation(text) for text in annotations)


def _redis_annotation(text: str) -> bool:
    """`redis.Redis`, `aioredis.Redis | None`, `Optional[Redis]`: the annotation names a Redis client class."""
    names = text.replace("[", " ").replace("]", " ").replace("|", " ").replace(",", " ").split()
    return any(name.rsplit(".", 1)[-1] in _REDIS_TYPES for name in names)
