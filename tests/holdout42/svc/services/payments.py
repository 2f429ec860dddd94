from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.payment_provider import PaymentIntent, PaymentProviderClient
from svc.db.models import Payment
from svc.errors import NotFound, PaymentError
from svc.repos.accounts import AccountsRepo
from svc.repos.bills import BillsRepo, PaymentsRepo
from svc.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

RECONCILE_AFTER = dt.timedelta(hours=2)


class PaymentsService:
    def __init__(self, session: AsyncSession, provider: PaymentProviderClient) -> None:
        self._session = session
        self._provider = provider
        self._payments = PaymentsRepo(session)
        self._bills = BillsRepo(session)
        self._accounts = AccountsRepo(session)

    async def start_payment(self, bill_id: int, idempotency_key: str) -> PaymentIntent:
        existing = await self._payments.by_idempotency_key(idempotency_key)
        if existing is not None:
            return PaymentIntent(existing.provider_ref, "", existing.status)
        bill = await self._bills.get(bill_id)
        if bill is None:
            raise NotFound(f"bill {bill_id}")
        if bill.status == "paid":
            raise PaymentError("bill already paid")
        account = await self._accounts.get(bill.account_id)
        if account is None or not account.provider_customer_id:
            raise PaymentError("account has no payment profile")
        intent = await self._provider.create_intent(
            customer_id=account.provider_customer_id,
            amount_cents=bill.total_cents,
            bill_id=bill.id,
            idempotency_key=idempotency_key,
        )
        self._payments.add(
            Payment(
                bill_id=bill.id,
                account_id=account.id,
                provider_ref=intent.provider_ref,
                idempotency_key=idempotency_key,
                amount_cents=bill.total_cents,
                status=intent.status,
            )
        )
        await self._session.commit()
        return intent

    async def get_payment(self, payment_id: int) -> Payment:
        return await self._payments.get(payment_id)

    async def handle_event(self, event: dict[str, Any]) -> None:
        provider_ref = event["data"]["object"]["id"]
        payment = await self._payments.by_provider_ref(provider_ref)
        if payment is None:
            logger.info("webhook for unknown payment %s (%s)", provider_ref, event.get("type"))
            return
        kind = event["type"]
        if kind == "payment_intent.succeeded":
            if await self._bills.mark_paid(payment.bill_id):
                payment.status = "succeeded"
                balance = await self._accounts.get_balance(payment.account_id)
                await self._accounts.set_balance(payment.account_id, balance - payment.amount_cents)
        elif kind == "payment_intent.payment_failed":
            payment.status = "failed"
        else:
            logger.debug("ignoring webhook type %s", kind)
        await self._session.commit()

    async def reconcile_pending(self) -> int:
        """Catch payments whose webhook never arrived."""
        fixed = 0
        for payment in await self._payments.pending_before(utcnow() - RECONCILE_AFTER):
            try:
                status = await self._provider.fetch_payment_status(payment.provider_ref)
            except httpx.HTTPError:
                continue
            if status == "succeeded":
                await self.handle_event({"type": "payment_intent.succeeded", "data": {"object": {"id": payment.provider_ref}}})
                fixed += 1
            elif status in ("canceled", "requires_payment_method"):
                payment.status = "failed"
                await self._session.commit()
        return fixed
