"""Team queries."""
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from seats.models import Team


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def locked(self, team_id: int) -> Team | None:
        return await self.session.scalar(select(Team).where(Team.id == team_id).with_for_update())

    async def by_id(self, team_id: int) -> Team | None:
        return await self.session.scalar(select(Team).where(Team.id == team_id))
