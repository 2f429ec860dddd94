from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from teams import seats

engine = create_async_engine("postgresql+asyncpg://localhost/teams")
Sessions = async_sessionmaker(engine)
app = FastAPI()


async def db():
    async with Sessions() as s:
        yield s


@app.post("/teams/{team_id}/seats")
async def invite(team_id: int, user_id: int, s: AsyncSession = Depends(db)) -> None:
    await seats.invite(s, team_id, user_id)
    await seats.bulk_invite(s, team_id, [user_id])
    await seats.join_existing(s, team_id, user_id)
