from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from attend.models import Inspection, Member, Swipe


class SwipeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, site_id: int, badge: str, door: str, at: datetime) -> Swipe:
        swipe = Swipe(site_id=site_id, badge=badge, door=door, swiped_at=at)
        self.session.add(swipe)
        await self.session.flush()
        return swipe

    async def for_site(self, site_id: int) -> Sequence[Swipe]:
        result = await self.session.execute(
            select(Swipe).where(Swipe.site_id == site_id).order_by(Swipe.swiped_at.desc())  # expect: slow-query
        )
        return result.scalars().all()

    async def for_site_between(self, site_id: int, start: datetime, end: datetime) -> Sequence[Swipe]:
        result = await self.session.execute(
            select(Swipe)
            .where(Swipe.site_id == site_id, Swipe.swiped_at >= start, Swipe.swiped_at < end)
            .order_by(Swipe.swiped_at)
        )
        return result.scalars().all()

    async def recent_for_site(self, site_id: int) -> Sequence[Swipe]:
        result = await self.session.execute(
            select(Swipe).where(Swipe.site_id == site_id).order_by(Swipe.swiped_at.desc()).limit(100)
        )
        return result.scalars().all()


class MemberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_team(self, team_id: int) -> Sequence[Member]:
        # a team's members: a bounded group that joins and leaves, not a growing history
        result = await self.session.execute(
            select(Member).where(Member.team_id == team_id).order_by(Member.joined_at)
        )
        return result.scalars().all()


class InspectionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_locker(self, locker_id: int) -> Sequence[Inspection]:
        # nothing in the code pages a locker's inspections: a small group, read whole
        result = await self.session.execute(
            select(Inspection).where(Inspection.locker_id == locker_id).order_by(Inspection.inspected_at)
        )
        return result.scalars().all()
