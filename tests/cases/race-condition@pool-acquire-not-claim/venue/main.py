import asyncpg
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from venue.booths import BoothRepo
from venue.service import BoothService

app = FastAPI()
engine = create_async_engine("postgresql+asyncpg://app@db/app")
Session = async_sessionmaker(engine)


async def get_session():
    async with Session() as session:
        yield session


@app.post("/booths/{booth_id}/rent")
async def rent(booth_id: int, renter_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    service = BoothService(BoothRepo(session), await asyncpg.create_pool())
    await service.rent(booth_id, renter_id)
    await service.rent_with_deposit(booth_id, renter_id)
    await service.rent_serialised(booth_id, renter_id)
    return {"ok": True}
