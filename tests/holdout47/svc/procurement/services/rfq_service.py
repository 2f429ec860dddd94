from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.supplier_api import SupplierAPIError, SupplierGateway
from procurement.db.models import RFQ, Bid, Requisition, RequisitionStatus
from procurement.repositories import requisition_repo, supplier_repo

log = logging.getLogger(__name__)

COLLECT_CONCURRENCY = 8


class RFQError(Exception):
    pass


def _rfq_payload(rfq: RFQ, requisition: Requisition) -> dict[str, Any]:
    return {
        "rfq_id": rfq.id,
        "title": requisition.title,
        "closes_at": rfq.closes_at.isoformat(),
        "currency": requisition.currency,
        "lines": [
            {"description": l.description, "quantity": str(l.quantity)} for l in requisition.lines
        ],
    }


async def open_rfq(
    session: AsyncSession,
    gateway: SupplierGateway,
    requisition_id: int,
    supplier_ids: list[int],
    days_open: int = 5,
) -> tuple[RFQ, dict[int, str]]:
    requisition = await requisition_repo.get_with_lines(session, requisition_id)
    if requisition is None or requisition.status != RequisitionStatus.approved:
        raise RFQError("requisition must be approved before tendering")
    rfq = RFQ(requisition_id=requisition_id, closes_at=datetime.now(timezone.utc) + timedelta(days=days_open))
    session.add(rfq)
    await session.flush()
    payload = _rfq_payload(rfq, requisition)

    invited = []
    for supplier_id in supplier_ids:
        supplier = await supplier_repo.get(session, supplier_id)
        if supplier is not None and supplier.active:
            invited.append(supplier.id)

    results = await asyncio.gather(
        *(gateway.send_rfq(sid, payload) for sid in invited), return_exceptions=True
    )
    refs: dict[int, str] = {}
    for sid, outcome in zip(invited, results):
        if isinstance(outcome, SupplierAPIError):
            log.warning("supplier %s declined rfq %s: %s", sid, rfq.id, outcome)
            continue
        if isinstance(outcome, BaseException):
            raise RFQError(f"dispatch to supplier {sid} failed") from outcome
        refs[sid] = outcome
    await session.commit()
    return rfq, refs


async def collect_remote_bids(
    session: AsyncSession, gateway: SupplierGateway, rfq: RFQ, refs: dict[int, str]
) -> list[Bid]:
    semaphore = asyncio.Semaphore(COLLECT_CONCURRENCY)
    suppliers = await supplier_repo.get_many(session, refs.keys())

    async def one(supplier_id: int, ref: str) -> list[dict[str, Any]]:
        async with semaphore:
            return await gateway.fetch_bids(supplier_id, ref)

    batches = await asyncio.gather(*(one(sid, ref) for sid, ref in refs.items()))
    bids: list[Bid] = []
    for (sid, _), remote in zip(refs.items(), batches):
        supplier = suppliers.get(sid)
        for item in remote:
            bids.append(
                Bid(
                    rfq_id=rfq.id,
                    supplier_id=sid,
                    amount=item["amount"],
                    currency=item.get("currency") or (supplier.currency if supplier else "EUR"),
                    lead_time_days=int(item.get("lead_time_days", 0)),
                )
            )
    session.add_all(bids)
    await session.commit()
    return bids
