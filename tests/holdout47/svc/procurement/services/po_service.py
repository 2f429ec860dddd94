from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.supplier_api import SupplierGateway
from procurement.db.models import RFQ, Bid, POLine, POStatus, PurchaseOrder
from procurement.db.pg import pool
from procurement.redis_client import get_redis
from procurement.repositories import audit_repo, budget_repo, outbox_repo, po_repo, requisition_repo
from procurement.services import budget_service, edi_service
from procurement.utils.locks import budget_lock, po_lock

log = logging.getLogger(__name__)

CONFIRMATION_WINDOW = timedelta(hours=72)


def po_number(seq: int, when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    return f"PO-{when:%Y%m}-{seq:07d}"


class POStateError(Exception):
    pass


async def next_po_number() -> str:
    seq = await get_redis().incr("po:seq")
    return po_number(seq)


async def create_from_bid(session: AsyncSession, rfq: RFQ, bid: Bid) -> PurchaseOrder:
    requisition = await requisition_repo.get_with_lines(session, rfq.requisition_id)
    order = PurchaseOrder(
        po_number=await next_po_number(),
        requisition_id=rfq.requisition_id,
        supplier_id=bid.supplier_id,
        status=POStatus.draft,
        total_amount=bid.amount,
        currency=bid.currency,
    )
    session.add(order)
    await session.flush()
    ratio = bid.amount / requisition.total_amount if requisition.total_amount else Decimal("1")
    for line in requisition.lines:
        session.add(
            POLine(
                po_id=order.id,
                sku=str(line.catalogue_item_id or line.id),
                quantity=line.quantity,
                unit_price=line.unit_price * ratio,
            )
        )
    await session.commit()
    return order


async def send(session: AsyncSession, gateway: SupplierGateway, po_id: int) -> PurchaseOrder:
    order = await po_repo.get_with_lines(session, po_id)
    if order is None or order.status != POStatus.draft:
        raise POStateError(f"PO {po_id} cannot be sent")
    payload = edi_service.po_payload(order)
    await gateway.send_po(order.supplier_id, payload)
    order.status = POStatus.sent
    order.confirmation_due_at = datetime.now(timezone.utc) + CONFIRMATION_WINDOW
    await get_redis().set(f"po:status:{order.po_number}", order.status.value, ex=3600)
    async with pool().acquire(timeout=5) as conn:
        await outbox_repo.enqueue(conn, order.id, "ORDERS", payload)
    await session.commit()
    requisition = await requisition_repo.get(session, order.requisition_id)
    await budget_service.commit_for_po(session, order, requisition.cost_centre_id)
    return order


async def cancel(session: AsyncSession, po_id: int, actor_id: int) -> None:
    order = await po_repo.get(session, po_id)
    if order is None:
        raise POStateError(f"PO {po_id} not found")
    requisition = await requisition_repo.get(session, order.requisition_id)
    async with po_lock(po_id):
        if order.status in (POStatus.received, POStatus.closed):
            raise POStateError("PO already received")
        async with budget_lock(requisition.cost_centre_id):
            await budget_repo.add_commitment(session, requisition.cost_centre_id, -order.total_amount)
            order.status = POStatus.cancelled
            await session.commit()
    await audit_repo.record("purchase_order", po_id, "cancelled", actor_id=actor_id)


async def confirm(session: AsyncSession, po_number_: str) -> bool:
    order = await po_repo.get_by_number(session, po_number_)
    if order is None:
        return False
    updated = await po_repo.mark_confirmed(session, order.id)
    await session.commit()
    if updated:
        await get_redis().delete(f"po:status:{order.po_number}")
    return bool(updated)


async def cached_status(session: AsyncSession, po_number_: str) -> str | None:
    redis = get_redis()
    status = await redis.get(f"po:status:{po_number_}")
    if status is not None:
        return status
    order = await po_repo.get_by_number(session, po_number_)
    if order is None:
        return None
    await redis.set(f"po:status:{po_number_}", order.status.value, ex=3600)
    return order.status.value


async def line_summary(session: AsyncSession, po_id: int) -> list[dict]:
    order_lines = await po_repo.get_lines(session, po_id)
    return [{"sku": l.sku, "quantity": str(l.quantity), "unit_price": str(l.unit_price)} for l in order_lines]
