from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from svc.repos import bids as bid_sql
from svc.routers.deps import UserDep, get_bid_service
from svc.services.activity import bids_counter
from svc.services.bidding import BidRejected, BidService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/lots/{lot_id}/bids", tags=["bids"])


class BidIn(BaseModel):
    amount_cents: int = Field(gt=0)


class ProxyIn(BaseModel):
    max_cents: int = Field(gt=0)


@router.post("", status_code=status.HTTP_201_CREATED)
async def place_bid(lot_id: int, body: BidIn, user: UserDep, request: Request,
                    svc: Annotated[BidService, Depends(get_bid_service)]) -> dict:
    ip = request.client.host if request.client else None
    try:
        outcome = await svc.place_bid(lot_id, user["sub"], body.amount_cents, ip)
    except BidRejected as exc:
        raise HTTPException(status.HTTP_409_CONFLICT,
                            {"reason": exc.reason, "min_bid_cents": exc.min_bid_cents}) from exc
    except Exception as exc:
        log.warning("bid failed lot=%s: %s", lot_id, exc)
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "bid could not be placed") from exc
    bids_counter.add()
    return {
        "bid_id": outcome.bid_id,
        "ends_at": outcome.ends_at.isoformat(),
        "reserve_met": outcome.reserve_met,
        "extended": outcome.extended,
    }


@router.post("/proxy")
async def set_proxy(lot_id: int, body: ProxyIn, user: UserDep,
                    svc: Annotated[BidService, Depends(get_bid_service)]) -> dict:
    accepted = await svc.set_proxy_max(lot_id, user["sub"], body.max_cents)
    return {"accepted": accepted}


@router.get("")
async def list_bids(lot_id: int, limit: int = 20) -> list[dict]:
    rows = await bid_sql.top_bids(lot_id, min(limit, 100))
    return [{"amount_cents": r.amount_cents, "placed_at": r.placed_at.isoformat()} for r in rows]


@router.delete("/{bid_id}", status_code=status.HTTP_204_NO_CONTENT)
async def retract_bid(lot_id: int, bid_id: int, user: UserDep,
                      svc: Annotated[BidService, Depends(get_bid_service)]) -> None:
    try:
        await svc.retract(lot_id, bid_id, user["sub"])
    except BidRejected as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, exc.reason) from exc


mine = APIRouter(prefix="/me/bids", tags=["bids"])


@mine.get("")
async def my_bids(user: UserDep, svc: Annotated[BidService, Depends(get_bid_service)]) -> list[dict]:
    return await svc.my_bids(user["sub"])
