from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from telco.models import PortRequest


class PortingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_reference(self, reference: str) -> PortRequest | None:
        result = await self._session.execute(select(PortRequest).where(PortRequest.reference == reference))
        return result.scalar_one_or_none()

    async def add(self, request: PortRequest) -> PortRequest:
        self._session.add(request)
        await self._session.flush()
        return request

    async def pending_due_before(self, cutoff: datetime, limit: int = 200) -> list[PortRequest]:
        result = await self._session.execute(
            select(PortRequest)
            .where(PortRequest.status == "pending", PortRequest.deadline_at < cutoff)
            .order_by(PortRequest.deadline_at)
            .limit(limit)
        )
        return list(result.scalars())

    async def open_for_msisdn(self, msisdn: str) -> PortRequest | None:
        result = await self._session.execute(
            select(PortRequest).where(PortRequest.msisdn == msisdn, PortRequest.status.in_(("pending", "accepted")))
        )
        return result.scalars().first()

    async def set_status(self, request_id: int, status: str) -> None:
        await self._session.execute(update(PortRequest).where(PortRequest.id == request_id).values(status=status))
