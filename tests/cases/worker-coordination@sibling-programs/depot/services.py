from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from depot.models import Lease
from depot.repository import LeaseRepository


class LeaseService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._leases = LeaseRepository(session)

    async def due(self, days_ahead: int) -> list[Lease]:
        horizon = datetime.now(timezone.utc) + timedelta(days=days_ahead)
        return await self._leases.ending_before(horizon)

    async def extend(self, lease: Lease) -> None:
        lease.ends_at = lease.ends_at + timedelta(days=30)
        await self._session.commit()
