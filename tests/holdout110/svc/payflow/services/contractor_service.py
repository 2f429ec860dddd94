from __future__ import annotations

import asyncio
from decimal import Decimal

import structlog
from redis.asyncio import Redis
from sqlalchemy import select

from payflow.clients.fx_client import FxClient
from payflow.clients.payments_client import PaymentsClient
from payflow.errors import InvalidState
from payflow.models import Contractor, ContractorInvoice, Payout, PayoutStatus
from payflow.repositories.people_repo import ContractorRepository
from payflow.schemas import InvoiceIn
from payflow.services.idempotency import IdempotencyStore

log = structlog.get_logger(__name__)

PLATFORM_FEE_RATE = Decimal("0.0125")
MIN_FEE = Decimal("2.00")
MAX_FEE = Decimal("50.00")
BATCH_CONCURRENCY = 8


def platform_fee(amount: Decimal) -> Decimal:
    fee = (amount * PLATFORM_FEE_RATE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return min(MAX_FEE, max(MIN_FEE, fee))


class ContractorService:
    def __init__(
        self,
        contractors: ContractorRepository,
        redis: Redis,
        fx: FxClient,
        payments: PaymentsClient,
        idempotency: IdempotencyStore,
    ) -> None:
        self.contractors = contractors
        self.redis = redis
        self.fx = fx
        self.payments = payments
        self.idempotency = idempotency

    async def _next_invoice_number(self, company_id: int) -> str:
        key = f"invoice-seq:{company_id}"
        current = await self.redis.get(key)
        next_value = int(current or 0) + 1
        await self.redis.set(key, next_value)
        return f"INV-{company_id}-{next_value:06d}"

    async def submit_invoice(self, company_id: int, contractor_id: int, data: InvoiceIn) -> ContractorInvoice:
        contractor = await self.contractors.get(company_id, contractor_id)
        if data.currency != contractor.currency:
            raise InvalidState("invoice currency must match the contractor's currency")
        invoice = ContractorInvoice(
            company_id=company_id,
            contractor_id=contractor.id,
            number=await self._next_invoice_number(company_id),
            amount=data.amount,
            currency=data.currency,
            fee=platform_fee(data.amount),
            service_date=data.service_date,
        )
        self.contractors.session.add(invoice)
        await self.contractors.session.flush()
        return invoice

    async def invoices(self, company_id: int, contractor_id: int, status: str | None = None) -> list[ContractorInvoice]:
        contractor = await self.contractors.get(company_id, contractor_id)
        stmt = select(ContractorInvoice).where(ContractorInvoice.contractor_id == contractor.id)
        if status is not None:
            stmt = stmt.where(ContractorInvoice.status == status)
        result = await self.contractors.session.execute(stmt.order_by(ContractorInvoice.id.desc()).limit(200))
        return list(result.scalars().all())

    async def pay_invoice(self, company_id: int, company_currency: str, invoice: ContractorInvoice, contractor: Contractor) -> Payout:
        if invoice.status != "approved":
            raise InvalidState("invoice is not approved")
        if contractor.bank_account_token is None:
            raise InvalidState("contractor has no bank account on file")
        rate = await self.fx.rate(contractor.currency, company_currency)
        net = invoice.amount - invoice.fee
        funding_amount = (net * rate).quantize(Decimal("0.01"))

        async def submit() -> dict:
            provider = await self.payments.create_payout(
                amount=net,
                currency=contractor.currency,
                destination=contractor.bank_account_token,
                idempotency_key=f"invoice-{invoice.id}",
                memo=f"Invoice {invoice.number} funded {funding_amount} {company_currency}",
            )
            return {"provider_id": provider.id, "status": provider.status}

        outcome = await self.idempotency.run_exclusive(company_id, f"invoice-{invoice.id}", submit)
        if outcome is None:
            raise InvalidState("payment for this invoice is already in progress")
        invoice.status = "paid"
        payout = Payout(
            company_id=company_id,
            contractor_id=contractor.id,
            amount=funding_amount,
            currency=company_currency,
            destination_token=contractor.bank_account_token,
            idempotency_key=f"invoice-{invoice.id}",
            provider_payout_id=outcome["provider_id"],
            status=PayoutStatus.SUBMITTED,
        )
        self.contractors.session.add(payout)
        return payout

    async def pay_batch(self, company_id: int, company_currency: str, items: list[tuple[ContractorInvoice, Contractor]]) -> list[Payout | BaseException]:
        sem = asyncio.Semaphore(BATCH_CONCURRENCY)

        async def one(invoice: ContractorInvoice, contractor: Contractor) -> Payout:
            async with sem:
                return await self.pay_invoice(company_id, company_currency, invoice, contractor)

        return await asyncio.gather(*(one(i, c) for i, c in items), return_exceptions=True)
