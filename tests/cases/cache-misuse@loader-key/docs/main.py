"""Documents API."""
import redis.asyncio as redis
from fastapi import FastAPI

from docs.cache import ListingCache

app = FastAPI()
cache = ListingCache(redis.Redis())


async def _load(folder_id: int, include_archived: bool) -> list[dict]:
    return [{"folder": folder_id, "archived": include_archived}]


@app.get("/folders/{folder_id}")
async def folder(folder_id: int, include_archived: bool = False) -> list[dict]:
    return await cache.listing(folder_id, include_archived, lambda: _load(folder_id, include_archived))


@app.get("/folders/{folder_id}/shared")
async def shared(folder_id: int, include_archived: bool = False) -> list[dict]:
    return await cache.shared_listing(folder_id, include_archived, lambda: _load(folder_id, include_archived))


@app.get("/folders/{folder_id}/counts")
async def counts(folder_id: int) -> list[dict]:
    return await cache.counts(folder_id, 60, lambda: _load(folder_id, False))
