"""OpenRTB endpoint called by exchanges."""
from __future__ import annotations

import asyncio
import logging
import time

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response, status
from pydantic import ValidationError

from adbid.auth import verify_exchange
from adbid.config import get_settings
from adbid.deps import get_bidder
from adbid.metrics import BID_REQUESTS, BIDS_PLACED
from adbid.schemas import BidRequest
from adbid.services.bidder import Bidder

log = logging.getLogger(__name__)

router = APIRouter(prefix="/openrtb", tags=["bidding"])


class ExchangeRateLimiter:
    """Enforces the QPS ceiling agreed with each exchange (token bucket per exchange)."""

    def __init__(self, qps: int) -> None:
        self._qps = qps
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, exchange: str) -> bool:
        now = time.monotonic()
        tokens, last = self._buckets.get(exchange, (float(self._qps), now))
        tokens = min(float(self._qps), tokens + (now - last) * self._qps)
        if tokens < 1.0:
            self._buckets[exchange] = (tokens, now)
            return False
        self._buckets[exchange] = (tokens - 1.0, now)
        return True


_limiter = ExchangeRateLimiter(get_settings().exchange_qps_limit)


@router.post("/{exchange}/bid")
async def bid(
    exchange: str,
    request: Request,
    x_exchange_token: str | None = Header(default=None),
    bidder: Bidder = Depends(get_bidder),
):
    if not verify_exchange(exchange, x_exchange_token):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown exchange")
    BID_REQUESTS.labels(exchange=exchange).inc()
    if not _limiter.allow(exchange):
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    try:
        bid_request = BidRequest.model_validate_json(await request.body())
    except Exception:
        return Response(status_code=status.HTTP_400_BAD_REQUEST)
    budget_s = (bid_request.tmax or get_settings().bid_timeout_ms) / 1000 * 0.8
    try:
        response = await asyncio.wait_for(bidder.handle(exchange, bid_request), timeout=budget_s)
    except asyncio.TimeoutError:
        log.warning("bid %s from %s exceeded %.0fms", bid_request.id, exchange, budget_s * 1000)
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    if response is None:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    BIDS_PLACED.labels(exchange=exchange).inc(sum(len(s.bid) for s in response.seatbid))
    return response


@router.post("/{exchange}/validate")
async def validate(exchange: str, request: Request) -> dict:
    try:
        BidRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        return {"valid": False, "errors": exc.errors(include_url=False)}
    return {"valid": True}
