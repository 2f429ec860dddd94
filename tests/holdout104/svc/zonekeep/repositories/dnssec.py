from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import DnsKey


class DnsKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def keys_in_state(self, zone_id: int, state: str) -> list[DnsKey]:
        stmt = select(DnsKey).where(DnsKey.zone_id == zone_id, DnsKey.state == state)
        return list((await self._session.execute(stmt)).scalars())

    async def add(self, key: DnsKey) -> DnsKey:
        self._session.add(key)
        await self._session.flush()
        return key

    async def set_state(self, key_id: int, state: str, retire_at: datetime | None = None) -> None:
        await self._session.execute(
            update(DnsKey).where(DnsKey.id == key_id).values(state=state, retire_at=retire_at)
        )
