"""Bidding routes."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from svc.api.deps import bid_rate_limit, bid_repo, bidding_service, current_account_id
from svc.repositories.bids import BidRepository
from svc.services.bidding import BiddingService

router = APIRouter(prefix="/lots/{lot_id}/bids", tags=["bids"])
me_router = APIRouter(prefix="/me", tags=["bids"])


class BidIn(BaseModel):
    amount_cents: int = Field(gt=0)


@router.post("", status_code=201)
async def place_bid(
    lot_id: int,
    body: BidIn,
    bidder_id: int = Depends(bid_rate_limit),
    bidding: BiddingService = Depends(bidding_service),
) -> dict[str, Any]:
    return await bidding.place_bid(lot_id, bidder_id, body.amount_cents)


@router.post("/quick", status_code=201)
async def quick_bid(
    lot_id: int,
    bidder_id: int = Depends(bid_rate_limit),
    bidding: BiddingService = Depends(bidding_service),
) -> dict[str, Any]:
    return await bidding.quick_bid(lot_id, bidder_id)


@router.get("")
async def bid_history(
    lot_id: int, page: int = 0, bids: BidRepository = Depends(bid_repo)
) -> list[dict[str, Any]]:
    return [dict(r) for r in await bids.history(lot_id, page, limit=50)]


@router.get("/report")
async def bid_report(
    lot_id: int,
    _: int = Depends(current_account_id),
    bidding: BiddingService = Depends(bidding_service),
) -> dict[str, Any]:
    return await bidding.bid_report(lot_id)


@me_router.get("/bids")
async def my_bids(
    bidder_id: int = Depends(current_account_id), bids: BidRepository = Depends(bid_repo)
) -> list[dict[str, Any]]:
    return [dict(r) for r in await bids.for_bidder(bidder_id)]
