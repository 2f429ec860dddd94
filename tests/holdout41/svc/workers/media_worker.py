"""Video transcoding and thumbnailing off the request path."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from pathlib import Path

import redis.asyncio as redis

from svc.clients.storage import StorageClient
from svc.config import Settings
from svc.db.connections import sessionmaker
from svc.repositories import media_repo
from svc.utils import media_tools


logger = logging.getLogger(__name__)

MEDIA_JOBS = "media:jobs"
TRANSCODE_TIMEOUT = 600


async def _run_ffmpeg(args: list[str]) -> None:
    proc = await asyncio.create_subprocess_exec(
        *args, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=TRANSCODE_TIMEOUT)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"ffmpeg exited {proc.returncode}: {stderr[-500:].decode(errors='replace')}")


class MediaWorker:
    def __init__(self, client: redis.Redis, storage: StorageClient, settings: Settings) -> None:
        self.redis = client
        self.storage = storage
        self.settings = settings

    async def process(self, job: dict) -> None:
        src = Path(job["path"])
        dst = src.with_suffix(".mp4")
        await _run_ffmpeg(media_tools.transcode_args(str(src), str(dst)))
        data = await asyncio.to_thread(dst.read_bytes)
        await self.storage.put(job["key"], data, "video/mp4")
        async with sessionmaker()() as session:
            await media_repo.mark_ready(session, job["asset_id"])
            await session.commit()
        await asyncio.to_thread(os.remove, src)
        await asyncio.to_thread(os.remove, dst)
        log.info("video %s ready", job["asset_id"])

    async def run(self) -> None:
        while True:
            popped = await self.redis.brpop(MEDIA_JOBS, timeout=5)
            if popped is None:
                continue
            _, raw = popped
            job = json.loads(raw)
            try:
                await self.process(job)
            except Exception:
                continue
