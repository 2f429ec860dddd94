from datetime import datetime

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from .service import PromotionService, StatsService

app = FastAPI()
sessions = async_sessionmaker(create_async_engine("postgresql+asyncpg://db/tally"))
stats = StatsService()


@app.post("/reports/{kind}/signed")
async def signed(kind: str, minutes: int) -> dict:
    async with sessions() as session:
        await stats.record(session, kind, minutes)
        await session.commit()
    return {}


@app.post("/reports/{kind}/signed-locked")
async def signed_locked(kind: str, minutes: int) -> dict:
    async with sessions() as session:
        await stats.record_locked(session, kind, minutes)
        await session.commit()
    return {}


@app.post("/orders/{placer}/reschedule")
async def reschedule(placer: str, when: datetime | None = None) -> dict:
    async with sessions() as session:
        await stats.reschedule(session, placer, when)
        await session.commit()
    return {}


@app.post("/promotions/{code}/redeem")
async def redeem(code: str) -> dict:
    async with sessions() as session:
        return {"count": await PromotionService(session).redeem(code)}
