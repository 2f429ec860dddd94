from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from redis.asyncio import Redis
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..db.models import Lift
from ..deps import get_redis, get_status_redis, require_staff
from ..schemas import LiftStatusUpdate
from ..services.lift_status_service import LiftStatusService

router = APIRouter(prefix="/lifts", tags=["lifts"])


@router.get("")
async def list_lifts(redis: Redis = Depends(get_status_redis)) -> list[dict]:
    return await LiftStatusService(redis).snapshot()


@router.get("/{lift_id}")
async def get_lift(lift_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    lift = await session.get(Lift, lift_id)
    if lift is None:
        raise HTTPException(404, "unknown lift")
    return {"id": lift.id, "name": lift.name, "area": lift.area, "status": lift.status}


@router.put("/{lift_id}/status")
async def set_lift_status(
    lift_id: int,
    body: LiftStatusUpdate,
    staff: str = Depends(require_staff),
    redis: Redis = Depends(get_redis),
    session: AsyncSession = Depends(get_session),
) -> dict:
    result = await session.execute(
        update(Lift).where(Lift.id == lift_id).values(status=body.status).returning(Lift.id)
    )
    if result.scalar_one_or_none() is None:
        raise HTTPException(404, "unknown lift")
    await session.commit()
    return await LiftStatusService(redis).set_status(lift_id, body, by=staff)


@router.get("/area/{area}")
async def lifts_in_area(area: str, session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await session.scalars(select(Lift).where(Lift.area == area).order_by(Lift.name))
    return [{"id": l.id, "name": l.name, "status": l.status} for l in rows]
