from __future__ import annotations

import asyncio
import json
import logging
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from arenaplay.clients.storage import ObjectStore
from arenaplay.errors import NotFoundError
from arenaplay.repositories.replays import ReplayRepository
from arenaplay.settings import Settings
from arenaplay.utils.replay_math import replay_checksum

logger = logging.getLogger(__name__)

HEADER_MAGIC = b"ARPL"


def read_header(blob: bytes) -> dict[str, Any]:
    if not blob.startswith(HEADER_MAGIC):
        return {}
    try:
        length = int.from_bytes(blob[4:8], "big")
        return json.loads(blob[8:8 + length])
    except:
        return {}


class ReplayService:
    def __init__(self, store: ObjectStore, replays: ReplayRepository, settings: Settings) -> None:
        self._store = store
        self._replays = replays
        self._spool = Path(settings.replay_spool_dir)

    @lru_cache(maxsize=None)
    def _object_key(self, match_id: str) -> str:
        return f"replays/{match_id[:2]}/{match_id}.arpl"

    async def spool(self, match_id: str, blob: bytes) -> dict[str, Any]:
        header = read_header(blob)
        body = blob[8 + int.from_bytes(blob[4:8], "big"):] if header else blob
        frames = json.loads(zlib.decompress(body))
        checksum = replay_checksum(frames)
        path = self._spool / f"{match_id}.arpl"
        await asyncio.to_thread(path.write_bytes, blob)
        replay = await self._replays.create_spooled(match_id, len(blob), checksum)
        await self._replays.commit()
        return {"replay_id": replay.id, "frames": len(frames), "checksum": checksum}

    async def presign(self, match_id: str) -> str:
        replay = await self._replays.get_by_match(match_id)
        if replay is None or replay.object_key is None:
            raise NotFoundError("replay")
        url = self._store.presign_get(replay.object_key)
        if url is None:
            raise NotFoundError("replay object")
        return url

    async def upload_spooled(self, replay_id: int, match_id: str) -> str:
        path = self._spool / f"{match_id}.arpl"
        blob = await asyncio.to_thread(path.read_bytes)
        key = self._object_key(match_id)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self._store.put, key, blob)
        await self._replays.mark_uploaded(replay_id, key)
        await asyncio.to_thread(path.unlink, True)
        return key
