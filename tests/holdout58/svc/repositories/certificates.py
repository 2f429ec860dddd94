from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Certificate


class CertificateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def active_for_device(self, device_id: str) -> Certificate | None:
        stmt = select(Certificate).where(Certificate.device_id == device_id, Certificate.status == "active")
        return (await self._session.execute(stmt)).scalars().first()

    async def get_by_serial(self, serial: str) -> Certificate | None:
        stmt = select(Certificate).where(Certificate.serial == serial)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_expiring(self, cutoff: datetime, limit: int) -> list[Certificate]:
        stmt = (
            select(Certificate)
            .where(Certificate.status == "active", Certificate.not_after < cutoff)
            .order_by(Certificate.not_after)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def add(self, cert: Certificate) -> None:
        self._session.add(cert)
        await self._session.flush()

    async def set_status(self, cert_id: str, status: str) -> None:
        await self._session.execute(update(Certificate).where(Certificate.id == cert_id).values(status=status))
