"""Listing and importing media."""
from __future__ import annotations

import asyncpg

from .clients import BlobClient, ThumbnailClient
from .repository import MediaRepository

PROBES = ("primary", "replica")


async def sizes(blobs: BlobClient, names: list[str]) -> dict[str, int]:
    result = {}
    for name in names:
        result[name] = await blobs.size_of(name)  # expect: n-plus-one
    return result


async def previews(thumbs: ThumbnailClient, media_ids: list[str]) -> list[bytes]:
    return [await thumbs.fetch(media_id) for media_id in media_ids]  # expect: n-plus-one


async def probe(blobs: BlobClient) -> bool:
    results = []
    for _ in PROBES:
        results.append(await blobs.healthy())
    return all(results)


async def import_media(conn: asyncpg.Connection, owner_id: int, uploads: list[dict]) -> int:
    pending = []
    for upload in uploads:
        pending.append((owner_id, upload["name"], upload["size"]))
    repo = MediaRepository(conn)
    async with conn.transaction():
        for row in pending:
            await repo.insert_one(row)  # expect: n-plus-one
    return len(pending)


async def import_media_batched(conn: asyncpg.Connection, owner_id: int, uploads: list[dict]) -> int:
    pending = [(owner_id, u["name"], u["size"]) for u in uploads]
    await MediaRepository(conn).insert_all(pending)
    return len(pending)


async def warm_defaults(conn: asyncpg.Connection, owner_id: int) -> None:
    defaults = [(owner_id, "avatar.png", 0), (owner_id, "banner.png", 0)]
    repo = MediaRepository(conn)
    for row in defaults:
        await repo.insert_one(row)
