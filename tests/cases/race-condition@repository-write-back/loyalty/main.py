import asyncpg
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from loyalty.service import RewardsService, pick, pick_locked

app = FastAPI()
engine = create_async_engine("postgresql+asyncpg://app@db/app")
Session = async_sessionmaker(engine)


async def get_session():
    async with Session() as session:
        yield session


async def get_conn():
    conn = await asyncpg.connect("postgresql://app@db/app", timeout=5)
    try:
        yield conn
    finally:
        await conn.close()


@app.post("/members/{member_id}/bonus")
async def bonus(member_id: int, amount: int, session: AsyncSession = Depends(get_session)) -> dict:
    service = RewardsService(session)
    await service.grant_bonus(member_id, amount)
    await service.grant_bonus_atomically(member_id, amount)
    await service.copy_points(member_id, member_id + 1)
    return {}


@app.post("/stock/{sku}/pick")
async def pick_stock(sku: str, count: int, conn: asyncpg.Connection = Depends(get_conn)) -> dict:
    await pick(conn, sku, count)
    await pick_locked(conn, sku, count)
    return {}
