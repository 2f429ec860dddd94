from __future__ import annotations

import asyncio
import logging
import os

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from arenaplay.clients.storage import ObjectStore
from arenaplay.db.engine import SessionFactory
from arenaplay.errors import ReplayUploadError
from arenaplay.repositories.replays import ReplayRepository
from arenaplay.services.replays import ReplayService
from arenaplay.settings import Settings

logger = logging.getLogger(__name__)

STREAM = "replays:spooled"
GROUP = "uploaders"


async def ensure_group(redis: Redis) -> None:
    try:
        await redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


async def upload_one(store: ObjectStore, settings: Settings, replay_id: int, match_id: str) -> None:
    async with SessionFactory() as db:
        service = ReplayService(store, ReplayRepository(db), settings)
        try:
            await service.upload_spooled(replay_id, match_id)
        except OSError as exc:
            raise ReplayUploadError(f"replay {replay_id}") from exc


async def mark_failed(replay_id: int) -> None:
    async with SessionFactory() as db:
        await ReplayRepository(db).mark_failed(replay_id)


async def replay_uploader_loop(redis: Redis, settings: Settings) -> None:
    store = ObjectStore(settings)
    consumer = f"uploader-{os.getpid()}"
    await ensure_group(redis)
    while True:
        batches = await redis.xreadgroup(GROUP, consumer, {STREAM: ">"}, count=10, block=5000)
        for _stream, entries in batches or []:
            for entry_id, fields in entries:
                replay_id = int(fields["replay_id"])
                try:
                    await upload_one(store, settings, replay_id, fields["match_id"])
                except ReplayUploadError:
                    await mark_failed(replay_id)
                await redis.xack(STREAM, GROUP, entry_id)
