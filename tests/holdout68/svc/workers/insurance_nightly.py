"""Nightly exchange with PetInsure: push new claims, pull decisions on open ones."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.insurance_api import InsuranceApiError, InsuranceClient
from svc.db.connections import SessionLocal
from svc.db.models import InsuranceClaim, Invoice, InvoiceLine

logger = logging.getLogger(__name__)

FINAL_STATES = {"approved", "rejected", "paid"}


class InsuranceSync:
    def __init__(self, client: InsuranceClient) -> None:
        self.client = client

    async def _claim_payload(self, claim: InsuranceClaim, invoice: Invoice, lines: list[InvoiceLine]) -> dict:
        return {
            "policy": claim.policy_no,
            "invoice_ref": f"INV-{invoice.id}",
            "total": invoice.total_cents,
            "treatment_date": invoice.issued_at.date().isoformat() if invoice.issued_at else None,
            "lines": [{"code": l.code, "qty": l.qty, "amount": l.unit_cents * l.qty} for l in lines],
        }

    async def _push_claim(self, claim: InsuranceClaim, invoice: Invoice, lines: list[InvoiceLine]) -> None:
        payload = await self._claim_payload(claim, invoice, lines)
        claim.external_id = await self.client.submit_claim(payload)
        claim.status = "submitted"
        claim.synced_at = datetime.now(timezone.utc)

    async def push_new(self, session: AsyncSession) -> int:
        claims = list((await session.execute(select(InsuranceClaim).where(InsuranceClaim.status == "pending"))).scalars())
        if not claims:
            return 0
        invoice_ids = [c.invoice_id for c in claims]
        invoices = {i.id: i for i in (await session.execute(select(Invoice).where(Invoice.id.in_(invoice_ids)))).scalars()}
        lines: dict[int, list[InvoiceLine]] = {}
        for line in (await session.execute(select(InvoiceLine).where(InvoiceLine.invoice_id.in_(invoice_ids)))).scalars():
            lines.setdefault(line.invoice_id, []).append(line)
        await asyncio.gather(*(self._push_claim(c, invoices[c.invoice_id], lines.get(c.invoice_id, [])) for c in claims))
        await session.commit()
        return len(claims)

    async def pull_decisions(self, session: AsyncSession) -> tuple[int, int]:
        open_claims = (
            await session.execute(select(InsuranceClaim).where(InsuranceClaim.status == "submitted"))
        ).scalars()
        updated = failed = 0
        for claim in open_claims:
            try:
                status = await self.client.get_claim_status(claim.external_id)
            except InsuranceApiError:
                failed += 1
                continue
            except Exception:
                claim.status = "rejected"
                continue
            if status in FINAL_STATES and status != claim.status:
                claim.status = status
                claim.synced_at = datetime.now(timezone.utc)
                updated += 1
        await session.commit()
        return updated, failed

    async def run(self) -> None:
        async with SessionLocal() as session:
            pushed = await self.push_new(session)
            updated, failed = await self.pull_decisions(session)
        logger.info("insurance sync done", extra={"pushed": pushed, "updated": updated, "failed": failed})
