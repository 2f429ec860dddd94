from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from ..clients.vendor_sdks import PorterDispatch
from ..errors import Conflict, NotFound
from ..infra.locks import KeyedLocks
from ..repositories.transport import TransportRepository
from ..utils.timeutil import utcnow

logger = logging.getLogger(__name__)

AVERAGE_LEG_MINUTES = {"ED": 18, "ICU": 12, "OR": 15}


class TransportService:
    def __init__(self, repo: TransportRepository, porter: PorterDispatch, locks: KeyedLocks) -> None:
        self._repo = repo
        self._porter = porter
        self._locks = locks

    async def request(self, patient_id: int, from_location: str, to_bed_id: int, ward_id: int, urgent: bool) -> int:
        async with self._locks.ward(ward_id):
            async with self._locks.bed(to_bed_id):
                request_id = await self._repo.create(patient_id, from_location, to_bed_id)
        job_id = await asyncio.to_thread(
            self._porter.create_job, request_id, from_location, f"bed:{to_bed_id}", urgent
        )
        await self._repo.set_vendor_job(request_id, job_id)
        return request_id

    async def claim(self, request_id: int, porter_id: str) -> None:
        if not await self._repo.claim(request_id, porter_id):
            raise Conflict(f"transport {request_id} already claimed")

    async def cancel(self, request_id: int) -> None:
        row = await self._repo.get(request_id)
        if row is None:
            raise NotFound(f"transport {request_id}")
        if row["vendor_job_id"]:
            await asyncio.to_thread(self._porter.cancel_job, row["vendor_job_id"])

    def expected_arrival(self, from_location: str, requested_at: datetime) -> datetime:
        minutes = AVERAGE_LEG_MINUTES.get(from_location.split("-")[0], 20)
        return requested_at + timedelta(minutes=minutes)

    async def board(self) -> list[dict]:
        rows = await self._repo.list_active()
        now = utcnow()
        return [
            {
                "id": r["id"],
                "status": r["status"],
                "porter": r["porter_id"],
                "from": r["from_location"],
                "to_bed_id": r["to_bed_id"],
                "eta": self.expected_arrival(r["from_location"], now).isoformat(),
            }
            for r in rows
        ]
