from __future__ import annotations

from datetime import date

from sqlalchemy import select

from fleetwise.db.models import CrewCertificate, CrewMember
from fleetwise.repositories.base import BaseRepository


class CrewRepository(BaseRepository[CrewMember]):
    model = CrewMember

    async def on_vessel(self, vessel_id: int) -> list[CrewMember]:
        result = await self.session.execute(
            select(CrewMember).where(CrewMember.vessel_id == vessel_id).order_by(CrewMember.rank)
        )
        return list(result.scalars())

    async def certificates_for(self, member_id: int) -> list[CrewCertificate]:
        result = await self.session.execute(
            select(CrewCertificate).where(CrewCertificate.crew_member_id == member_id)
        )
        return list(result.scalars())

    async def expiring_between(self, start: date, end: date) -> list[tuple[CrewCertificate, CrewMember]]:
        result = await self.session.execute(
            select(CrewCertificate, CrewMember)
            .join(CrewMember, CrewMember.id == CrewCertificate.crew_member_id)
            .where(CrewCertificate.expires_on >= start, CrewCertificate.expires_on < end)
        )
        return [(cert, member) for cert, member in result.all()]

    async def is_assigned(self, member_id: int) -> bool:
        member = await self.get(member_id)
        return member is not None and member.vessel_id is not None
