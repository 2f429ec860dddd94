"""Fixture counts for the season dashboard."""
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from league.models import Fixture


class FixtureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def played(self, season_id: int) -> int:
        result = await self.session.execute(select(Fixture).where(Fixture.season_id == season_id))  # expect: slow-query
        return len(result.scalars().all())

    async def postponed(self, season_id: int, conn) -> int:
        return len(await conn.fetch("SELECT * FROM fixtures WHERE season_id = $1 AND status = 'postponed'", season_id))  # expect: slow-query

    async def scheduled(self, season_id: int) -> int:
        stmt = select(func.count()).select_from(Fixture).where(Fixture.season_id == season_id)
        return (await self.session.execute(stmt)).scalar_one()

    async def cancel_season(self, season_id: int) -> int:
        stmt = update(Fixture).where(Fixture.season_id == season_id).values(status="cancelled").returning(Fixture.id)
        return len((await self.session.execute(stmt)).scalars().all())

    async def has_duplicates(self, season_id: int) -> bool:
        stmt = select(Fixture).where(Fixture.season_id == season_id, Fixture.status == "live").limit(2)
        return len((await self.session.execute(stmt)).scalars().all()) > 1

    async def summary(self, season_id: int) -> dict:
        result = await self.session.execute(select(Fixture).where(Fixture.season_id == season_id))
        fixtures = result.scalars().all()
        return {"count": len(fixtures), "ids": [f.id for f in fixtures]}
