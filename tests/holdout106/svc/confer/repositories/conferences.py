from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Conference, Track


class ConferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, conference_id: int) -> Conference | None:
        return await self.session.get(Conference, conference_id)

    async def get_by_slug(self, slug: str) -> Conference | None:
        stmt = select(Conference).where(Conference.slug == slug)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_tracks(self, conference_id: int) -> list[Track]:
        stmt = select(Track).where(Track.conference_id == conference_id).order_by(Track.name)
        return list((await self.session.execute(stmt)).scalars())

    async def get_track(self, track_id: int) -> Track | None:
        return await self.session.get(Track, track_id)

    async def close_expired_tracks(self) -> list[int]:
        now = datetime.now(timezone.utc)
        stmt = (
            update(Track)
            .where(Track.status == "open", Track.submission_deadline < now)
            .values(status="reviewing")
            .returning(Track.id)
        )
        ids = list((await self.session.execute(stmt)).scalars())
        await self.session.commit()
        return ids

    async def mark_stale(self, track_id: int) -> None:
        await self.session.execute(update(Track).where(Track.id == track_id).values(assignments_stale=True))
        await self.session.commit()

    async def stale_tracks(self) -> list[int]:
        stmt = select(Track.id).where(Track.status == "reviewing", Track.assignments_stale.is_(True))
        return list((await self.session.execute(stmt)).scalars())

    async def reserve_seat(self, conference_id: int) -> bool:
        stmt = (
            update(Conference)
            .where(Conference.id == conference_id, Conference.seats_taken < Conference.capacity)
            .values(seats_taken=Conference.seats_taken + 1)
            .returning(Conference.id)
        )
        row = (await self.session.execute(stmt)).first()
        return row is not None
