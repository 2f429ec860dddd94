"""Album pages, private to their owner's invitees."""
from __future__ import annotations

from redis.asyncio import Redis


class NotInvited(Exception):
    pass


async def album_page(redis: Redis, repo, album_id: int, viewer_id: int) -> str:
    cached = await redis.get(f"album:{album_id}")  # expect: cache-misuse
    if cached:
        return cached.decode()
    album = await repo.album(album_id)
    if album["private"] and viewer_id not in album["invitees"]:
        raise NotInvited(album_id)
    html = "<h1>" + album["title"] + "</h1>"
    await redis.set(f"album:{album_id}", html, ex=120)
    return html


async def album_size(redis: Redis, repo, album_id: int, limit: int = 100) -> int:
    # correct: the parameter is validated (not compared with the album) and the count is public
    cached = await redis.get(f"album-size:{album_id}")
    if cached:
        return int(cached)
    if limit > 1000:
        raise ValueError(limit)
    album = await repo.album(album_id)
    await redis.set(f"album-size:{album_id}", len(album["photos"]), ex=120)
    return len(album["photos"])
