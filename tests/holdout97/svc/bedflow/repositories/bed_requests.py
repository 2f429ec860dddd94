from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import BedRequest


class BedRequestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, patient_id: int, priority: int, isolation: str | None, target_ward_id: int | None) -> BedRequest:
        request = BedRequest(
            patient_id=patient_id, priority=priority, isolation=isolation, target_ward_id=target_ward_id
        )
        self._session.add(request)
        await self._session.flush()
        return request

    async def get(self, request_id: int) -> BedRequest | None:
        return await self._session.get(BedRequest, request_id)

    async def list_pending(self, limit: int = 200) -> list[BedRequest]:
        result = await self._session.execute(
            select(BedRequest)
            .where(BedRequest.status == "pending")
            .order_by(BedRequest.priority, BedRequest.requested_at)
            .limit(limit)
        )
        return list(result.scalars())

    async def list_for_ward(self, ward_id: int) -> list[BedRequest]:
        result = await self._session.execute(
            select(BedRequest).where(BedRequest.target_ward_id == ward_id).order_by(BedRequest.priority)
        )
        return list(result.scalars())

    async def mark(self, request_id: int, status: str) -> None:
        await self._session.execute(update(BedRequest).where(BedRequest.id == request_id).values(status=status))
