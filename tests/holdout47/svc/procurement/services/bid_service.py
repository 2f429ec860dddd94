from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.models import RFQ, Bid, PurchaseOrder
from procurement.services import fx_service, po_service
from procurement.ws.manager import board

log = logging.getLogger(__name__)

_best_bids: dict[int, dict] = {}


class BidRejected(Exception):
    pass


@dataclass(frozen=True)
class RankedBid:
    bid_id: int
    supplier_id: int
    amount_base: Decimal
    lead_time_days: int
    score: Decimal


async def submit(
    session: AsyncSession, rfq_id: int, supplier_id: int, amount: Decimal, currency: str, lead_time_days: int
) -> Bid:
    rfq = await session.get(RFQ, rfq_id)
    if rfq is None or rfq.status != "open":
        raise BidRejected("rfq is not open")
    if rfq.closes_at <= datetime.now(timezone.utc):
        raise BidRejected("rfq has closed")
    bid = Bid(rfq_id=rfq_id, supplier_id=supplier_id, amount=amount, currency=currency, lead_time_days=lead_time_days)
    session.add(bid)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise BidRejected("supplier already bid on this rfq") from exc
    base_amount = await fx_service.to_base(amount, currency)
    best = _best_bids.get(rfq_id)
    if best is None or base_amount < best["amount_base"]:
        _best_bids[rfq_id] = {"bid_id": bid.id, "supplier_id": supplier_id, "amount_base": base_amount}
    await board.broadcast(rfq_id, {"type": "bid", "rfq_id": rfq_id, "amount_base": str(base_amount)})
    return bid


async def rank(session: AsyncSession, rfq_id: int, blocked_supplier_ids: list[int]) -> list[RankedBid]:
    rows = await session.execute(select(Bid).where(Bid.rfq_id == rfq_id))
    bids = list(rows.scalars())
    ranked: list[RankedBid] = []
    for bid in copy.deepcopy(bids):
        if bid.supplier_id in blocked_supplier_ids:
            continue
        amount_base = await fx_service.to_base(bid.amount, bid.currency)
        score = amount_base * (Decimal("1") + Decimal(bid.lead_time_days) / Decimal("100"))
        ranked.append(RankedBid(bid.id, bid.supplier_id, amount_base, bid.lead_time_days, score))
    ranked.sort(key=lambda r: (r.score, r.lead_time_days))
    return ranked


async def award(session: AsyncSession, rfq_id: int, bid_id: int) -> PurchaseOrder:
    rfq = await session.get(RFQ, rfq_id)
    if rfq is None:
        raise BidRejected("unknown rfq")
    if rfq.awarded_bid_id is not None:
        raise BidRejected("rfq already awarded")
    bid = await session.get(Bid, bid_id)
    if bid is None or bid.rfq_id != rfq_id:
        raise BidRejected("bid does not belong to rfq")
    order = await po_service.create_from_bid(session, rfq, bid)
    rfq.awarded_bid_id = bid.id
    rfq.status = "awarded"
    await session.commit()
    _best_bids.pop(rfq_id, None)
    await board.broadcast(rfq_id, {"type": "awarded", "rfq_id": rfq_id, "supplier_id": bid.supplier_id})
    return order


def leaderboard(rfq_id: int) -> dict | None:
    best = _best_bids.get(rfq_id)
    return dict(best) if best else None
