from sqlalchemy.ext.asyncio import AsyncSession

from crewing.repository import CrewRepository


class CrewError(Exception):
    pass


class CrewService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._repo = CrewRepository(session)

    async def assign(self, member_id: int, vessel_id: int) -> None:
        if await self._repo.is_assigned(member_id):  # expect: race-condition
            raise CrewError("crew member is already assigned to a vessel")
        member = await self._repo.get(member_id)
        if member is None:
            raise CrewError("unknown crew member")
        member.vessel_id = vessel_id
        await self._session.commit()

    async def transfer(self, member_id: int, vessel_id: int) -> None:
        # correct: the row is locked and its vessel tested again before it is moved
        if await self._repo.is_assigned(member_id):
            raise CrewError("sign the member off first")
        member = await self._repo.get_for_update(member_id)
        if member is None or member.vessel_id is not None:
            raise CrewError("crew member is already assigned to a vessel")
        member.vessel_id = vessel_id
        await self._session.commit()

    async def assign_atomically(self, member_id: int, vessel_id: int) -> None:
        # correct: one conditional UPDATE tests and sets the vessel
        if not await self._repo.assign_if_free(member_id, vessel_id):
            raise CrewError("crew member is already assigned to a vessel")
        await self._session.commit()
