from __future__ import annotations

import asyncio
import copy
from datetime import datetime
import logging
from typing import Any
import uuid

from ..clients.storage import ObjectStorage
from ..repositories.timelogs_repo import TimeLogsRepository
from ..settings import Settings
from ..utils.media import activity_signature, archive_batch_locally, build_thumbnail, hamming


logger = logging.getLogger(__name__)

IDLE_DISTANCE = 3
FRAME_INTERVAL_MINUTES = 10


class TimeTrackingService:
    """Ingests screenshot batches uploaded by the desktop tracker."""

    def __init__(self, storage: ObjectStorage, repo: TimeLogsRepository, settings: Settings) -> None:
        self.storage = storage
        self.repo = repo
        self.settings = settings

    @staticmethod
    def _activity_pct(signatures: list[int]) -> int:
        if len(signatures) < 2:
            return 100
        active = sum(1 for a, b in zip(signatures, signatures[1:]) if hamming(a, b) > IDLE_DISTANCE)
        return round(100 * active / (len(signatures) - 1))

    async def ingest_batch(
        self, contract_id: int, freelancer_id: int, started_at: datetime, ended_at: datetime, frames: dict[str, bytes]
    ) -> dict[str, Any]:
        batch_id = uuid.uuid4().hex
        ordered = copy.deepcopy(frames)
        signatures = [activity_signature(ordered[name]) for name in sorted(ordered)]
        activity = self._activity_pct(signatures)
        thumbs = await asyncio.gather(*(asyncio.to_thread(build_thumbnail, raw) for raw in frames.values()))
        manifest = {
            "batch_id": batch_id,
            "contract_id": contract_id,
            "frames": sorted(frames),
            "started_at": started_at.isoformat(),
            "ended_at": ended_at.isoformat(),
        }
        archive = archive_batch_locally(batch_id, frames, manifest)
        archive_key = f"batches/{contract_id}/{batch_id}.zip"
        await asyncio.to_thread(
            self.storage.put_file_sync, self.settings.storage_bucket, archive_key, str(archive)
        )
        for name, thumb in zip(frames, thumbs):
            await self.storage.put(self.settings.storage_bucket, f"thumbs/{batch_id}/{name}", thumb, "image/jpeg")
        await self.repo.insert_batch(
            batch_id, contract_id, freelancer_id,
            {
                "started_at": started_at, "ended_at": ended_at, "frame_count": len(frames),
                "archive_key": archive_key, "minutes": len(frames) * FRAME_INTERVAL_MINUTES,
                "activity_pct": activity,
            },
        )
        logger.info("ingested batch %s for contract %s (%d frames)", batch_id, contract_id, len(frames))
        return {"batch_id": batch_id, "activity_pct": activity}
