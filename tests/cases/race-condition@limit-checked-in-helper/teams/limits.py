"""Plan limits, checked before the callers add rows."""
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from teams.models import Seat, Team


class LimitReached(Exception):
    pass


class Limits:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def seats_used(self, team_id: int) -> int:
        return await self.db.scalar(select(func.count()).select_from(Seat).where(Seat.team_id == team_id))

    async def ensure_free_seat(self, team_id: int) -> None:
        team = await self.db.get(Team, team_id)
        used = await self.seats_used(team_id)
        if used >= team.seat_cap:  # expect: race-condition
            raise LimitReached(team_id)

    async def ensure_team_exists(self, team_id: int) -> None:
        used = await self.seats_used(team_id)
        if not used:
            raise LookupError(team_id)


async def require_capacity(db: AsyncSession, team_id: int, wanted: int) -> None:
    team = await db.get(Team, team_id)
    taken = await db.scalar(select(func.count(Seat.id)).where(Seat.team_id == team_id))
    if taken + wanted > team.seat_cap:  # expect: race-condition
        raise LimitReached(team_id)
