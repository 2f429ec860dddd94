from __future__ import annotations

import time
from collections import defaultdict, deque

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..errors import NotFound
from ..redis_client import get_redis
from ..repositories import bookings as bookings_repo
from ..security import verify_kiosk_pin
from ..services.checkin import CheckinService

router = APIRouter(prefix="/checkin", tags=["checkin"])

WEB_ATTEMPTS_PER_HOUR = 10
KIOSK_ATTEMPTS_PER_10MIN = 5

_kiosk_attempts: dict[str, deque[float]] = defaultdict(deque)


class CheckinRequest(BaseModel):
    pnr: str
    last_name: str


class KioskCheckinRequest(BaseModel):
    pnr: str
    last_name: str
    kiosk_id: str
    pin: str


def _service(request: Request) -> CheckinService:
    return request.app.state.checkin


async def _web_rate_limit(redis: Redis, pnr: str) -> None:
    key = f"rl:checkin:{pnr.upper()}"
    attempts = await redis.incr(key)
    if attempts == 1:
        await redis.expire(key, 3600)
    if attempts > WEB_ATTEMPTS_PER_HOUR:
        raise HTTPException(429, "too many check-in attempts")


def _kiosk_rate_limit(kiosk_id: str) -> None:
    now = time.monotonic()
    window = _kiosk_attempts[kiosk_id]
    while window and now - window[0] > 600:
        window.popleft()
    if len(window) >= KIOSK_ATTEMPTS_PER_10MIN:
        raise HTTPException(429, "kiosk locked, call an agent")
    window.append(now)


@router.post("")
async def web_checkin(
    body: CheckinRequest,
    session: AsyncSession = Depends(get_session),
    service: CheckinService = Depends(_service),
    redis: Redis = Depends(get_redis),
) -> dict:
    await _web_rate_limit(redis, body.pnr)
    try:
        results = await service.check_in_pnr(session, body.pnr, body.last_name, channel="web")
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    return {"passengers": [r.__dict__ for r in results]}


@router.post("/kiosk")
async def kiosk_checkin(
    body: KioskCheckinRequest,
    request: Request,
    session: AsyncSession = Depends(get_session),
    service: CheckinService = Depends(_service),
) -> dict:
    _kiosk_rate_limit(body.kiosk_id)
    salt, expected = request.app.state.kiosk_pins.get(body.kiosk_id, (b"", b""))
    if not expected or not await verify_kiosk_pin(body.pin, salt, expected):
        raise HTTPException(403, "invalid kiosk pin")
    results = await service.check_in_pnr(session, body.pnr, body.last_name, channel="kiosk")
    return {"passengers": [r.__dict__ for r in results]}


@router.get("/{pnr}")
async def checkin_status(pnr: str, session: AsyncSession = Depends(get_session)) -> dict:
    bookings = await bookings_repo.by_pnr(session, pnr)
    if not bookings:
        raise NotFound("booking not found", pnr=pnr)
    return {
        "pnr": pnr.upper(),
        "passengers": [
            {"booking_id": b.id, "status": b.status, "seat_no": b.seat_no, "checked_in_at": b.checked_in_at}
            for b in bookings
        ],
    }
