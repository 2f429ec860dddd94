from __future__ import annotations

import asyncio
import logging
import uuid

from arenaops.clients.storage import EvidenceStorage
from arenaops.errors import Conflict, NotFound
from arenaops.repositories.disputes import DisputeRepository

logger = logging.getLogger(__name__)

ALLOWED_TYPES = frozenset({"image/png", "image/jpeg", "video/mp4", "application/zip"})
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


class DisputeService:
    def __init__(self, repo: DisputeRepository, storage: EvidenceStorage) -> None:
        self._repo = repo
        self._storage = storage

    async def open(self, match_id: int, team_id: int, reason: str) -> int:
        dispute_id = await self._repo.create(match_id, team_id, reason)
        logger.info("dispute %s opened on match %s by team %s", dispute_id, match_id, team_id)
        return dispute_id

    async def attach_evidence(self, dispute_id: int, filename: str, content_type: str, data: bytes) -> int:
        if content_type not in ALLOWED_TYPES:
            raise Conflict(f"unsupported evidence type {content_type}")
        if len(data) > MAX_EVIDENCE_BYTES:
            raise Conflict("evidence file too large")
        key = f"disputes/{dispute_id}/{uuid.uuid4().hex}-{filename}"
        self._storage.store(key, data, content_type)
        return await self._repo.add_evidence(dispute_id, key, content_type, len(data))

    async def evidence_links(self, dispute_id: int) -> list[dict]:
        rows = await self._repo.evidence(dispute_id)
        if not rows:
            raise NotFound("no evidence for dispute")
        links = []
        for row in rows:
            url = await asyncio.to_thread(self._storage.presigned_url, row["object_key"])
            links.append({"id": row["id"], "url": url, "type": row["content_type"]})
        return links

    async def resolve(self, dispute_id: int, resolution: str) -> None:
        if not await self._repo.resolve(dispute_id, resolution):
            raise Conflict("dispute is not open")
        logger.info("dispute %s resolved", dispute_id)
