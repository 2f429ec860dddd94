"""Rate quote endpoints."""
from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.clients.rates import RateAPIError
from freightline.db.engine import get_session
from freightline.deps import Principal, require, services
from freightline.schemas import QuoteOut, QuoteRequest

router = APIRouter(prefix="/quotes", tags=["quotes"])

QUOTES_PER_MINUTE = 30


@dataclass
class _Bucket:
    tokens: float
    updated: float


_buckets: dict[int, _Bucket] = {}


def _allow(shipper_id: int) -> bool:
    now = time.monotonic()
    bucket = _buckets.setdefault(shipper_id, _Bucket(tokens=QUOTES_PER_MINUTE, updated=now))
    bucket.tokens = min(QUOTES_PER_MINUTE, bucket.tokens + (now - bucket.updated) * QUOTES_PER_MINUTE / 60)
    bucket.updated = now
    if bucket.tokens < 1:
        return False
    bucket.tokens -= 1
    return True


async def _diesel_price(svc) -> int:
    cached = await svc.redis.get("diesel:national:cents")
    return int(cached) if cached else 385


@router.post("", response_model=QuoteOut)
async def instant_quote(
    req: QuoteRequest,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> QuoteOut:
    if not _allow(principal.subject_id):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "quote rate limit exceeded")
    try:
        return await svc.quotes(session).instant_quote(req, await _diesel_price(svc))
    except RateAPIError as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "no rate data for this lane") from exc


@router.post("/compare")
async def compare(
    req: QuoteRequest,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> dict[str, QuoteOut]:
    if not _allow(principal.subject_id):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "quote rate limit exceeded")
    return await svc.quotes(session).market_comparison(req, await _diesel_price(svc))
