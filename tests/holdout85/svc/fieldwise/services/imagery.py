from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.errors import NotFound
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.fields import FieldRepository
from fieldwise.repositories.imagery import ImageryRepository
from fieldwise.services.container import Services
from fieldwise.services.ndvi import process_scene, render_preview
from fieldwise.settings import get_settings
from fieldwise.utils.files import ensure_dir, store_upload

log = get_logger(__name__)


class ImageryService:
    def __init__(self, session: AsyncSession, deps: Services) -> None:
        self._repo = ImageryRepository(session)
        self._fields = FieldRepository(session)
        self._satellite = deps.satellite
        self._cpu_pool = deps.cpu_pool
        self._redis = deps.redis
        self._settings = get_settings()

    async def save_drone_upload(self, field_id: int, captured_at: datetime, source: BinaryIO) -> int:
        key = uuid.uuid4().hex
        path, size, sha = store_upload(self._settings.upload_dir, key, source)
        scene = await self._repo.add(field_id, "drone", captured_at, str(path))
        await self._redis.xadd("imagery:process", {"scene_id": scene.id, "sha256": sha}, maxlen=10_000)
        log.info("imagery.uploaded", scene_id=scene.id, bytes=size)
        return scene.id

    async def import_satellite(self, field_id: int, since: str) -> list[int]:
        field = await self._fields.get(field_id)
        if field is None:
            raise NotFound(f"field {field_id}")
        found = await asyncio.to_thread(self._satellite.search_scenes, field.centroid_lat, field.centroid_lon, since)
        ids: list[int] = []
        for meta in found[:3]:
            blob = self._satellite.fetch_scene(meta["id"])
            path = Path(self._settings.upload_dir) / "sat" / f"{meta['id']}.bin"
            await asyncio.to_thread(ensure_dir, path.parent)
            await asyncio.to_thread(path.write_bytes, blob)
            scene = await self._repo.add(field_id, "satellite", datetime.fromisoformat(meta["captured"]), str(path))
            ids.append(scene.id)
        return ids

    async def process(self, scene_id: int) -> float:
        scene = await self._repo.get(scene_id)
        if scene is None:
            raise NotFound(f"scene {scene_id}")
        blob = await asyncio.to_thread(Path(scene.storage_path).read_bytes)
        loop = asyncio.get_running_loop()
        mean, tiles = await loop.run_in_executor(self._cpu_pool, process_scene, blob)
        tile_root = Path(self._settings.tile_dir) / str(scene_id)
        await asyncio.to_thread(_write_tiles, tile_root, tiles)
        await self._repo.set_processed(scene_id, mean)
        return mean

    async def preview(self, scene_id: int) -> bytes:
        scene = await self._repo.get(scene_id)
        if scene is None:
            raise NotFound(f"scene {scene_id}")
        blob = await asyncio.to_thread(Path(scene.storage_path).read_bytes)
        _mean, png = render_preview(blob)
        return png


def _write_tiles(root: Path, tiles: list[tuple[int, int, bytes]]) -> None:
    for ty, tx, data in tiles:
        dest = root / str(ty) / f"{tx}.npy"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
