"""Tracking pixels and click redirects."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse
from redis.asyncio import Redis

from adbid.deps import get_redis, get_tracking
from adbid.services.tracking_service import TrackingService
from adbid.utils.signing import InvalidToken

log = logging.getLogger(__name__)

router = APIRouter(prefix="/t", tags=["tracking"])

PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
CLICK_LIMIT_PER_MINUTE = 30


async def _click_rate_ok(redis: Redis, ip: str | None) -> bool:
    if not ip:
        return True
    key = f"rl:click:{ip}"
    pipe = redis.pipeline(transaction=True)
    pipe.incr(key)
    pipe.expire(key, 60, nx=True)
    count, _ = await pipe.execute()
    return int(count) <= CLICK_LIMIT_PER_MINUTE


def _price(raw: str | None) -> int | None:
    if raw is None or raw.startswith("$"):
        return None
    try:
        return int(float(raw) * 1000)
    except ValueError:
        return None


@router.get("/imp")
async def impression(
    tk: str = Query(...),
    p: str | None = Query(default=None),
    tracking: TrackingService = Depends(get_tracking),
) -> Response:
    try:
        await tracking.record_impression(tk, _price(p))
    except InvalidToken:
        log.info("rejected impression with invalid token")
    return Response(content=PIXEL, media_type="image/gif", headers={"Cache-Control": "no-store"})


@router.get("/win")
async def win(tk: str = Query(...), tracking: TrackingService = Depends(get_tracking)) -> Response:
    try:
        await tracking.record_win(tk)
    except InvalidToken as exc:
        log.debug("bad win token: %s", exc)
        return Response(status_code=400)
    return Response(status_code=204)


@router.get("/click")
async def click(
    request: Request,
    tk: str = Query(...),
    tracking: TrackingService = Depends(get_tracking),
    redis: Redis = Depends(get_redis),
) -> Response:
    ip = request.client.host if request.client else None
    if not await _click_rate_ok(redis, ip):
        return Response(status_code=429)
    landing = await tracking.record_click(tk, ip, request.headers.get("user-agent"))
    if landing is None:
        return Response(status_code=404)
    return RedirectResponse(landing, status_code=302)
