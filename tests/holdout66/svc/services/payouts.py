"""Creator payouts: balance debits, provider transfers and statements."""
from __future__ import annotations

import datetime as dt
import logging
import smtplib
from email.message import EmailMessage

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.db.models import Creator, Payout
from svc.errors import InsufficientBalance, NotFound, PaymentProviderError
from svc.locks import creator_lock, ledger_lock
from svc.repositories.payouts import PayoutRepository

log = logging.getLogger(__name__)


def _send_email(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = settings.payout_notify_from
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        smtp.send_message(msg)


class PayoutService:
    def __init__(self, session: AsyncSession, payments: PaymentsClient) -> None:
        self._session = session
        self._repo = PayoutRepository(session)
        self._payments = payments

    async def request_payout(self, creator: Creator, amount_cents: int, idempotency_key: str) -> Payout:
        existing = await self._repo.by_idempotency_key(idempotency_key)
        if existing is not None:
            return existing
        if amount_cents < settings.payout_minimum_cents:
            raise InsufficientBalance(f"minimum payout is {settings.payout_minimum_cents} cents")
        if not creator.payout_account_id:
            raise NotFound("no payout account on file")

        async with creator_lock(creator.id):
            async with ledger_lock:
                if not await self._repo.debit_if_available(creator.id, amount_cents):
                    raise InsufficientBalance("not enough available balance")
                payout = await self._repo.add(
                    Payout(creator_id=creator.id, amount_cents=amount_cents, idempotency_key=idempotency_key)
                )
                await self._session.commit()

        try:
            payout.provider_ref = await self._payments.create_transfer(
                creator.payout_account_id, amount_cents, idempotency_key
            )
            payout.status = "submitted"
        except PaymentProviderError:
            balance = await self._repo.balance_for_update(creator.id)
            if balance is not None:
                balance.pending_cents -= amount_cents
                balance.available_cents += amount_cents
            payout.status = "failed"
        await self._session.commit()
        return payout

    async def settle(self, payout: Payout, creator: Creator) -> str:
        if payout.provider_ref is None:
            return payout.status
        balance = await self._repo.balance(payout.creator_id)
        status = await self._payments.transfer_status(payout.provider_ref)
        if status == "failed" and payout.status != "reversed":
            balance.pending_cents -= payout.amount_cents
            balance.available_cents += payout.amount_cents
            payout.status = "reversed"
            log.warning("transfer %s reversed for creator %s", payout.provider_ref, payout.creator_id)
        elif status == "paid" and payout.status != "paid":
            payout.status = "paid"
            balance.pending_cents -= payout.amount_cents
            await self.notify_paid(creator, payout)
        await self._session.commit()
        return payout.status

    async def notify_paid(self, creator: Creator, payout: Payout) -> None:
        amount = f"${payout.amount_cents / 100:,.2f}"
        _send_email(creator.email, "Your podhost payout is on its way", f"We sent {amount} to your account.")

    async def monthly_statements(self, first_of_month: dt.date) -> list[dict]:
        balances = await self._repo.creators_with_balance(0)
        statements = []
        for balance in balances:
            earned = await self._repo.earnings_since(balance.creator_id, first_of_month)
            statements.append(
                {
                    "creator_id": balance.creator_id,
                    "earned_cents": earned,
                    "available_cents": balance.available_cents,
                }
            )
        return statements

    async def earnings_report(self, since: dt.date) -> dict[int, int]:
        return await self._repo.earnings_since_for_all(since)
