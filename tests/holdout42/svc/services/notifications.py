from __future__ import annotations

import asyncio
import logging

from svc.clients.messaging import Mailer, SmsClient
from svc.config import settings
from svc.db.models import Account, Bill

logger = logging.getLogger(__name__)

DUNNING_SUBJECTS = {
    "reminder": "Your energy bill is overdue",
    "final_notice": "Final notice: overdue energy bill",
    "disconnection_warning": "Action needed to avoid disconnection",
}


class Notifier:
    def __init__(self, mailer: Mailer, sms: SmsClient) -> None:
        self._mailer = mailer
        self._sms = sms

    async def dunning_notice(self, account: Account, bill: Bill, stage: str) -> None:
        amount = f"£{bill.total_cents / 100:.2f}"
        if account.email:
            await self._mailer.send(
                account.email,
                DUNNING_SUBJECTS[stage],
                f"<p>Dear {account.customer_name},</p><p>Bill {bill.id} for {amount} was due on {bill.due_date}.</p>",
                tag=f"dunning-{stage}",
            )
        elif account.phone:
            await self._sms.send(account.phone, f"{DUNNING_SUBJECTS[stage]}: {amount} on account {account.account_no}.")
        else:
            log.warning("account %s has no contact channel for %s", account.account_no, stage)

    async def broadcast_sms(self, phones: list[str], text: str) -> int:
        sem = asyncio.Semaphore(settings.notify_concurrency)

        async def one(phone: str) -> bool:
            async with sem:
                return await self._sms.send(phone, text)

        results = await asyncio.gather(*(one(p) for p in phones), return_exceptions=True)
        failures = [r for r in results if r is not True]
        if failures:
            logger.warning("sms broadcast: %d of %d failed", len(failures), len(phones))
        return len(phones) - len(failures)
