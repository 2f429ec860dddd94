from __future__ import annotations

import base64
import binascii
import time
from collections import defaultdict, deque
from typing import Literal

import redis.asyncio as redis
from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.deps import KioskDevice, Principal, current_user, db_session, get_redis, kiosk_device
from app.routes.admin import FEATURE_FLAGS
from app.services.clock_service import ClockError, ClockService, Geofence

router = APIRouter(prefix="/clock", tags=["clock"])

_kiosk_hits: dict[str, deque[float]] = defaultdict(deque)


class KioskPunchIn(BaseModel):
    badge: str = Field(min_length=3, max_length=64)
    pin: str = Field(min_length=4, max_length=8)
    direction: Literal["in", "out"]


class MobilePunchIn(BaseModel):
    direction: Literal["in", "out"]
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    site_id: int
    idempotency_key: str = Field(min_length=8, max_length=64)
    photo_b64: str | None = None


class PunchOut(BaseModel):
    id: int
    employee_id: int
    direction: str
    punched_at: str


def _kiosk_allowed(device_id: str, per_minute: int) -> bool:
    now = time.monotonic()
    hits = _kiosk_hits[device_id]
    while hits and now - hits[0] > 60:
        hits.popleft()
    if len(hits) >= per_minute:
        return False
    hits.append(now)
    return True


async def _mobile_allowed(client: redis.Redis, employee_id: int, per_minute: int = 10) -> bool:
    key = f"rl:mobile:{employee_id}:{int(time.time() // 60)}"
    async with client.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 120)
        count, _ = await pipe.execute()
    return int(count) <= per_minute


async def _site_fence(client: redis.Redis, site_id: int) -> Geofence:
    raw = await client.hgetall(f"site:{site_id}:fence")
    if not raw:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="unknown site")
    return Geofence(float(raw["lat"]), float(raw["lon"]), float(raw["radius_m"]))


def _out(punch) -> PunchOut:
    return PunchOut(
        id=punch.id,
        employee_id=punch.employee_id,
        direction=punch.direction,
        punched_at=punch.punched_at.isoformat(),
    )


@router.post("/kiosk", response_model=PunchOut)
async def kiosk_punch(
    body: KioskPunchIn,
    request: Request,
    device: KioskDevice = Depends(kiosk_device),
    session: AsyncSession = Depends(db_session),
    client: redis.Redis = Depends(get_redis),
) -> PunchOut:
    settings = get_settings()
    if not _kiosk_allowed(device.device_id, settings.kiosk_rate_per_minute):
        raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS, detail="slow down")
    service = ClockService(session, client, settings)
    try:
        punch = await service.kiosk_punch(body.badge, body.pin, device.device_id, body.direction)
    except ClockError as exc:
        raise HTTPException(status_code=exc.status_code, detail=str(exc)) from exc
    request.app.state.audit.record(
        None, f"clock.{body.direction}", "punch", punch.id, device=device.device_id, source="kiosk"
    )
    return _out(punch)


@router.post("/mobile", response_model=PunchOut)
async def mobile_punch(
    body: MobilePunchIn,
    request: Request,
    user: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
    client: redis.Redis = Depends(get_redis),
) -> PunchOut:
    if not await _mobile_allowed(client, user.user_id):
        raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS, detail="slow down")
    photo: bytes | None = None
    if body.photo_b64:
        try:
            photo = base64.b64decode(body.photo_b64, validate=True)
        except binascii.Error as exc:
            raise HTTPException(status_code=422, detail="photo is not valid base64") from exc
    elif FEATURE_FLAGS.get("require_mobile_photo"):
        raise HTTPException(status_code=422, detail="a photo is required")
    fence = await _site_fence(client, body.site_id)
    service = ClockService(session, client, get_settings())
    try:
        punch = await service.mobile_punch(
            user.user_id,
            body.direction,
            body.latitude,
            body.longitude,
            fence,
            body.idempotency_key,
            photo=photo,
        )
    except ClockError as exc:
        raise HTTPException(status_code=exc.status_code, detail=str(exc)) from exc
    await request.app.state.audit.record(
        user.user_id, f"clock.{body.direction}", "punch", punch.id, source="mobile"
    )
    return _out(punch)
