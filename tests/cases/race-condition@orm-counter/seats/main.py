from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from seats.service import SeatService, StockService

engine = create_async_engine("postgresql+asyncpg://localhost/seats")
Sessions = async_sessionmaker(engine)
app = FastAPI()


async def session():
    async with Sessions() as s:
        yield s


def service(s: AsyncSession = Depends(session)) -> SeatService:
    return SeatService(s)


@app.post("/teams/{team_id}/join")
async def join(team_id: int, svc: SeatService = Depends(service)) -> dict:
    return {"used": await svc.join(team_id)}


@app.post("/teams/{team_id}/join2")
async def join2(team_id: int, svc: SeatService = Depends(service)) -> dict:
    return {"used": await svc.join_via_repository(team_id)}


@app.post("/teams/{team_id}/join3")
async def join3(team_id: int, svc: SeatService = Depends(service)) -> dict:
    return {"used": await svc.join_locked(team_id)}


@app.post("/teams/{team_id}/join4")
async def join4(team_id: int, svc: SeatService = Depends(service)) -> None:
    await svc.join_atomic(team_id)


@app.post("/coupons/{coupon_id}/redeem")
async def redeem(coupon_id: int, svc: SeatService = Depends(service)) -> None:
    await svc.redeem(coupon_id)


@app.patch("/teams/{team_id}")
async def rename(team_id: int, name: str, svc: SeatService = Depends(service)) -> None:
    await svc.rename(team_id, name)


@app.post("/stock")
async def reserve(wanted: dict[int, int], s: AsyncSession = Depends(session)) -> None:
    await StockService(s).reserve(wanted)


@app.post("/stock/locked")
async def reserve_locked(wanted: dict[int, int], s: AsyncSession = Depends(session)) -> None:
    await StockService(s).reserve_locked(wanted)
