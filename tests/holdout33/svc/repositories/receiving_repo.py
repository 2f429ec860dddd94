"""Inbound purchase orders and receipts."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import PurchaseOrder, PurchaseOrderLine, Receipt
from ..errors import PurchaseOrderNotFound

RECEIPTS_BY_RECEIVER = text(
    """
    SELECT r.id, r.qty, r.received_at, pol.sku_id, po.po_number
    FROM receipts r
    JOIN purchase_order_lines pol ON pol.id = r.po_line_id
    JOIN purchase_orders po ON po.id = pol.po_id
    WHERE r.receiver_id = :receiver_id AND r.received_at >= :since
    ORDER BY r.received_at DESC
    LIMIT 500
    """
)


async def get_po_by_number(session: AsyncSession, po_number: str) -> PurchaseOrder:
    stmt = select(PurchaseOrder).where(PurchaseOrder.po_number == po_number)
    po = (await session.execute(stmt)).scalar_one_or_none()
    if po is None:
        raise PurchaseOrderNotFound(f"purchase order {po_number} not found")
    return po


async def get_po_line(session: AsyncSession, po_id: int, sku_id: int) -> PurchaseOrderLine | None:
    stmt = select(PurchaseOrderLine).where(PurchaseOrderLine.po_id == po_id, PurchaseOrderLine.sku_id == sku_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def insert_receipt(
    session: AsyncSession,
    *,
    po_line_id: int,
    qty: int,
    bin_id: int,
    receiver_id: str,
    idempotency_key: str,
) -> bool:
    """Record a receipt once per idempotency key; False for a replay."""
    stmt = (
        pg_insert(Receipt)
        .values(
            po_line_id=po_line_id,
            qty=qty,
            bin_id=bin_id,
            receiver_id=receiver_id,
            idempotency_key=idempotency_key,
        )
        .on_conflict_do_nothing(index_elements=[Receipt.idempotency_key])
        .returning(Receipt.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def receipts_by_receiver(session: AsyncSession, receiver_id: str, since: datetime) -> list[dict[str, Any]]:
    result = await session.execute(RECEIPTS_BY_RECEIVER, {"receiver_id": receiver_id, "since": since})
    return [dict(row._mapping) for row in result]


async def upsert_purchase_orders(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    stmt = pg_insert(PurchaseOrder).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=[PurchaseOrder.po_number],
        set_={
            "status": stmt.excluded.status,
            "expected_at": stmt.excluded.expected_at,
            "erp_updated_at": stmt.excluded.erp_updated_at,
        },
    )
    await session.execute(stmt)


async def po_ids_by_number(session: AsyncSession, po_numbers: list[str]) -> dict[str, int]:
    stmt = select(PurchaseOrder.po_number, PurchaseOrder.id).where(PurchaseOrder.po_number.in_(po_numbers))
    return {number: po_id for number, po_id in await session.execute(stmt)}


async def upsert_po_lines(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    stmt = pg_insert(PurchaseOrderLine).values(rows)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_po_lines_po_sku",
        set_={"qty_expected": stmt.excluded.qty_expected},
    )
    await session.execute(stmt)


async def add_expected_qty(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Add ASN quantities to the expected quantity of each PO line, creating missing lines."""
    if not rows:
        return
    stmt = pg_insert(PurchaseOrderLine).values(rows)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_po_lines_po_sku",
        set_={"qty_expected": PurchaseOrderLine.qty_expected + stmt.excluded.qty_expected},
    )
    await session.execute(stmt)
