from __future__ import annotations

from sqlalchemy import select

from fleetwise.db.models import CharterParty, LaytimeEvent
from fleetwise.repositories.base import BaseRepository


class LaytimeRepository(BaseRepository[CharterParty]):
    model = CharterParty

    async def for_voyage(self, voyage_id: int) -> CharterParty | None:
        result = await self.session.execute(select(CharterParty).where(CharterParty.voyage_id == voyage_id))
        return result.scalar_one_or_none()

    async def events(self, charter_party_id: int) -> list[LaytimeEvent]:
        result = await self.session.execute(
            select(LaytimeEvent)
            .where(LaytimeEvent.charter_party_id == charter_party_id)
            .order_by(LaytimeEvent.occurred_at)
        )
        return list(result.scalars())
