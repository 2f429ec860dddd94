"""Courier app endpoints: OTP login, offers, trails; ops map."""
from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel
from redis.asyncio import Redis

from svc.api.deps import current_courier, get_courier_repo, get_dispatch, get_redis, require_admin
from svc.clients.geo import reverse_geocode
from svc.repositories.couriers import CourierRepository
from svc.services.dispatch import DispatchService
from svc.workers.locations import latest_positions

router = APIRouter()

Couriers = Annotated[CourierRepository, Depends(get_courier_repo)]
RedisDep = Annotated[Redis, Depends(get_redis)]


class OtpRequest(BaseModel):
    phone: str


@router.post("/couriers/otp", status_code=202)
async def request_otp(body: OtpRequest, redis: RedisDep) -> None:
    key = f"otp-rate:{body.phone}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 600, nx=True)
        attempts, _ = await pipe.execute()
    if attempts > 3:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many codes requested")
    await redis.set(f"otp:{body.phone}", f"{secrets.randbelow(10**6):06d}", ex=300)


@router.post("/couriers/me/offers/{order_id}/accept")
async def accept_offer(
    order_id: int,
    courier_id: Annotated[int, Depends(current_courier)],
    dispatch: Annotated[DispatchService, Depends(get_dispatch)],
) -> dict[str, bool]:
    return {"assigned": await dispatch.accept_offer(courier_id, order_id)}


@router.post("/couriers/me/offers/decline", status_code=204)
async def decline_offer(
    courier_id: Annotated[int, Depends(current_courier)],
    dispatch: Annotated[DispatchService, Depends(get_dispatch)],
) -> None:
    await dispatch.release(courier_id)


@router.get("/ops/couriers/{courier_id}/trail", dependencies=[Depends(require_admin)])
async def courier_trail(
    courier_id: int, repo: Couriers, hours: Annotated[int, Query(ge=1, le=24)] = 4
) -> list[dict[str, Any]]:
    since = datetime.now(UTC) - timedelta(hours=hours)
    return [dict(r) for r in await repo.trail(courier_id, since)]


@router.get("/ops/orders/{order_id}/trail", dependencies=[Depends(require_admin)])
async def order_trail(order_id: int, repo: Couriers) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.order_trail(order_id)]


@router.get("/ops/zones/{zone}/couriers", dependencies=[Depends(require_admin)])
async def zone_map(zone: str, repo: Couriers, redis: RedisDep) -> list[dict[str, Any]]:
    couriers = await repo.active_in_zone(zone)
    positions = await latest_positions(redis, [c["id"] for c in couriers])
    return [{**c, "position": positions.get(c["id"])} for c in couriers]


@router.get("/ops/couriers/{courier_id}/whereabouts", dependencies=[Depends(require_admin)])
async def whereabouts(courier_id: int, redis: RedisDep) -> dict[str, str]:
    position = await redis.hgetall(f"courier:{courier_id}:pos")
    if not position:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no recent position")
    label = await asyncio.to_thread(reverse_geocode, float(position["lat"]), float(position["lng"]))
    return {"near": label, "at": position["at"]}
