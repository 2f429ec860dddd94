import asyncpg
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from fleet import vans
from fleet.clients import Telematics

engine = create_async_engine("postgresql+asyncpg://localhost/fleet")
Sessions = async_sessionmaker(engine)
app = FastAPI()
telematics = Telematics()
pool: asyncpg.Pool = None


async def db():
    async with Sessions() as s:
        yield s


@app.post("/vans/{van_id}/driver")
async def assign(van_id: int, driver: str, s: AsyncSession = Depends(db)) -> None:
    await vans.assign(s, telematics, van_id, driver)
    await vans.assign_then_pair(s, telematics, van_id, driver)
    await vans.assign_unlocked_read(s, telematics, van_id, driver)
    await vans.page_idle_drivers(s, telematics)


@app.delete("/vans/{van_id}/driver")
async def release(van_id: int) -> None:
    await vans.release(pool, van_id)
    await vans.release_outside_transaction(pool, van_id)
