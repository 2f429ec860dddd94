import json

import httpx
from redis.asyncio import Redis

redis = Redis()


async def partner_feed(client: httpx.AsyncClient, partner: str) -> list:
    cache_key = "feed:" + partner
    hit = await redis.get(cache_key)
    if hit:
        return json.loads(hit)
    resp = await client.get(f"/partners/{partner}/feed")
    items = resp.json()["items"]
    await redis.set(cache_key, json.dumps(items))  # expect: cache-misuse
    return items


async def sync_partner(client: httpx.AsyncClient, partner: str) -> None:
    # look-alike: a stored cursor is state, read and written back, not a cache entry
    cursor_key = f"feed-cursor:{partner}"
    since = await redis.get(cursor_key) or "0"
    resp = await client.get(f"/partners/{partner}/changes", params={"since": since})
    await redis.set(cursor_key, resp.json()["next"])
