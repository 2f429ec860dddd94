from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.supplier_api import SupplierGateway
from procurement.db.engine import get_session
from procurement.redis_client import get_redis
from procurement.schemas import BidIn, RFQIn
from procurement.security import Principal, gateway, require_role, supplier_from_api_key, supplier_rate_limit
from procurement.services import bid_service, rfq_service

router = APIRouter(prefix="/rfqs", tags=["rfqs"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def open_rfq(
    body: RFQIn,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
    gw: SupplierGateway = Depends(gateway),
):
    try:
        rfq, refs = await rfq_service.open_rfq(session, gw, body.requisition_id, body.supplier_ids, body.days_open)
    except rfq_service.RFQError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    await get_redis().hset(f"rfq:{rfq.id}:refs", mapping={str(k): v for k, v in refs.items()})
    return {"id": rfq.id, "invited": sorted(refs)}


@router.post("/{rfq_id}/bids", status_code=status.HTTP_201_CREATED, dependencies=[Depends(supplier_rate_limit)])
async def submit_bid(
    rfq_id: int,
    body: BidIn,
    supplier_id: int = Depends(supplier_from_api_key),
    session: AsyncSession = Depends(get_session),
):
    try:
        bid = await bid_service.submit(
            session, rfq_id, supplier_id, body.amount, body.currency.upper(), body.lead_time_days
        )
    except bid_service.BidRejected as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"id": bid.id}


@router.post("/{rfq_id}/collect")
async def collect(
    rfq_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
    gw: SupplierGateway = Depends(gateway),
):
    from procurement.db.models import RFQ

    rfq = await session.get(RFQ, rfq_id)
    if rfq is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "rfq not found")
    raw = await get_redis().hgetall(f"rfq:{rfq_id}:refs")
    bids = await rfq_service.collect_remote_bids(session, gw, rfq, {int(k): v for k, v in raw.items()})
    return {"collected": len(bids)}


@router.get("/{rfq_id}/ranking")
async def ranking(
    rfq_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
):
    blocked = [int(s) for s in await get_redis().smembers("suppliers:blocked")]
    ranked = await bid_service.rank(session, rfq_id, blocked)
    return [
        {"bid_id": r.bid_id, "supplier_id": r.supplier_id, "amount_base": str(r.amount_base), "score": str(r.score)}
        for r in ranked
    ]


@router.post("/{rfq_id}/award/{bid_id}")
async def award(
    rfq_id: int,
    bid_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
):
    try:
        order = await bid_service.award(session, rfq_id, bid_id)
    except bid_service.BidRejected as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"po_id": order.id, "po_number": order.po_number}


@router.get("/{rfq_id}")
async def get_rfq(
    rfq_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
):
    from procurement.db import models

    rfq = await session.get(models.RFQ, rfq_id)
    if rfq is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "rfq not found")
    best = bid_service.leaderboard(rfq_id)
    return {
        "id": rfq.id,
        "requisition_id": rfq.requisition_id,
        "status": rfq.status,
        "closes_at": rfq.closes_at.isoformat(),
        "awarded_bid_id": rfq.awarded_bid_id,
        "best": {k: str(v) for k, v in best.items()} if best else None,
    }
