from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crewing.models import CrewMember


class CrewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, member_id: int) -> CrewMember | None:
        return await self._session.get(CrewMember, member_id)

    async def get_for_update(self, member_id: int) -> CrewMember | None:
        stmt = select(CrewMember).where(CrewMember.id == member_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def is_assigned(self, member_id: int) -> bool:
        member = await self.get(member_id)
        return member is not None and member.vessel_id is not None

    async def assign_if_free(self, member_id: int, vessel_id: int) -> bool:
        result = await self._session.execute(
            update(CrewMember).where(CrewMember.id == member_id, CrewMember.vessel_id.is_(None)).values(vessel_id=vessel_id)
        )
        return result.rowcount == 1
