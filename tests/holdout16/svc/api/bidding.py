"""OpenRTB endpoints called by the exchanges, plus pacing status for advertisers."""
from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Query, Request, Response, status

from svc.config import settings
from svc.deps import BidderDep, CurrentKey
from svc.schemas import BidRequest, BidResponse

router = APIRouter(tags=["rtb"])


@router.post("/openrtb/bid", response_model=BidResponse, responses={204: {"description": "no bid"}})
async def bid(request: BidRequest, bidder: BidderDep) -> BidResponse | Response:
    try:
        async with asyncio.timeout(settings.bid_deadline):
            response = await bidder.handle(request)
    except TimeoutError:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    if response is None:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return response


@router.get("/openrtb/win", status_code=status.HTTP_204_NO_CONTENT)
async def win(
    campaign_id: int, bid: Decimal, price: Decimal, bidder: BidderDep, tracking: list[str] = Query([], max_length=5)
) -> None:
    await bidder.handle_win(campaign_id, bid, price, tracking)


@router.get("/v1/pacing/{campaign_id}")
async def pacing_status(campaign_id: int, key: CurrentKey, bidder: BidderDep) -> dict[str, Any]:
    return await bidder.campaign_status(campaign_id)


@router.post("/v1/admin/floors/refresh")
async def refresh_floors(request: Request, key: CurrentKey) -> dict[str, int]:
    count = await request.app.state.floors.refresh()
    return {"floors": count}
