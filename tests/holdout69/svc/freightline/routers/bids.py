"""Carrier bidding and tender responses."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.db.engine import get_session
from freightline.deps import Principal, require, services
from freightline.schemas import BidCreate, BidOut
from freightline.services.bidding import BiddingError
from freightline.services.compliance import ComplianceError

logger = logging.getLogger(__name__)
router = APIRouter(tags=["bids"])

BIDS_PER_MINUTE = 20


async def _bid_rate_limited(redis, carrier_id: int) -> bool:
    key = f"ratelimit:bids:{carrier_id}"
    async with redis.pipeline(transaction=True) as pipe:
        count, _ = await pipe.incr(key).expire(key, 60, nx=True).execute()
    return count > BIDS_PER_MINUTE


@router.post("/bids", response_model=BidOut, status_code=status.HTTP_201_CREATED)
async def submit_bid(
    body: BidCreate,
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> BidOut:
    if await _bid_rate_limited(svc.redis, principal.subject_id):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many bids")
    try:
        return await svc.bidding(session).submit_bid(principal.subject_id, body)
    except ComplianceError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
    except BiddingError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc


@router.post("/bids/{bid_id}/accept")
async def accept_bid(
    bid_id: int,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> dict:
    try:
        tender = await svc.bidding(session).accept_bid(principal.subject_id, bid_id)
    except BiddingError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"tender_id": tender.id, "expires_at": tender.expires_at.isoformat()}


@router.delete("/bids/{bid_id}", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw_bid(
    bid_id: int,
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> None:
    try:
        await svc.bidding(session).withdraw_bid(principal.subject_id, bid_id)
    except BiddingError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc


@router.post("/tenders/{tender_id}/respond")
async def respond_to_tender(
    tender_id: int,
    accept: bool,
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> dict:
    try:
        state = await svc.bidding(session).respond_to_tender(principal.subject_id, tender_id, accept)
    except ComplianceError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
    except BiddingError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"tender_id": tender_id, "state": state}
