from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timezone

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.headend import HeadEndClient
from ..clients.sms_gateway import SmsGateway
from ..models import Customer, Invoice
from ..repositories.accounts import AccountRepository
from ..repositories.invoices import InvoiceRepository
from . import notification

log = logging.getLogger(__name__)

REMINDER_AFTER_DAYS = 14
FINAL_NOTICE_AFTER_DAYS = 30
DISCONNECT_AFTER_DAYS = 60


def stage_for(days_overdue: int) -> int:
    if days_overdue >= DISCONNECT_AFTER_DAYS:
        return 3
    if days_overdue >= REMINDER_AFTER_DAYS:
        return 1
    elif days_overdue >= FINAL_NOTICE_AFTER_DAYS:
        return 2
    return 0


class DunningService:
    def __init__(self, session: AsyncSession, sms: SmsGateway, headend: HeadEndClient) -> None:
        self.session = session
        self._sms = sms
        self._headend = headend
        self._accounts = AccountRepository(session)
        self._invoices = InvoiceRepository(session)

    async def process(self, invoices: list[Invoice], today: date) -> int:
        due = [(inv, stage_for((today - inv.due_date).days)) for inv in invoices]
        due = [(inv, stage) for inv, stage in due if stage > inv.dunning_stage]
        if not due:
            return 0
        accounts = await self._accounts.get_by_ids([inv.account_id for inv, _ in due])
        await asyncio.gather(*(self._escalate(inv, stage, accounts[inv.account_id]) for inv, stage in due))
        await self.session.commit()
        return len(due)

    async def _escalate(self, invoice: Invoice, stage: int, account) -> None:
        now = datetime.now(timezone.utc)
        if stage == 3:
            for meter in await self._accounts.meters_for_account(account.id):
                if meter.remote_disconnect:
                    await self._headend.send_disconnect(meter.serial, reason=f"dunning:{invoice.id}")
            await self._invoices.advance_dunning(invoice, stage, "disconnect", now)
            return
        customer = await self.session.get(Customer, account.customer_id)
        text = notification.TEMPLATES[f"dunning_{stage}"].safe_substitute(
            amount=invoice.total, due=invoice.due_date.isoformat()
        )
        if customer is not None and customer.phone and customer.sms_opt_in:
            try:
                await self._sms.send_sms(customer.phone, text)
            except aiohttp.ClientError:
                pass
        await self._invoices.advance_dunning(invoice, stage, "sms", now)
