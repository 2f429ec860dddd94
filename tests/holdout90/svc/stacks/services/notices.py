from __future__ import annotations

import logging

import httpx

from stacks.clients.email import EmailClient
from stacks.clients.sms import SmsClient
from stacks.db.models import Hold, Loan, Patron
from stacks.utils.retry import with_backoff

log = logging.getLogger(__name__)

OVERDUE_TEMPLATE = "Your loan is overdue since {due}. Please return it to any branch."
HOLD_READY_TEMPLATE = "Your hold is ready for pickup at {branch} until {pickup_by}."
EXPIRY_TEMPLATE = "Your hold at {branch} was not collected and has expired."


class NoticeService:
    def __init__(self, email: EmailClient, sms: SmsClient) -> None:
        self._email = email
        self._sms = sms

    async def _deliver(self, patron: Patron, subject: str, text: str) -> None:
        if patron.notice_pref in ("email", "both") and patron.email:
            await self._email.send(patron.email, subject, text)
        if patron.notice_pref in ("sms", "both") and patron.phone:
            await with_backoff(lambda: self._sms.send(patron.phone, text), attempts=3, retry_on=(OSError,))

    async def send_overdue(self, patron: Patron, loan: Loan) -> None:
        await self._deliver(patron, "Overdue item", OVERDUE_TEMPLATE.format(due=loan.due_at.date()))

    async def send_hold_ready(self, patron: Patron, hold: Hold, branch_name: str) -> None:
        text = HOLD_READY_TEMPLATE.format(branch=branch_name, pickup_by=hold.pickup_by)
        await self._deliver(patron, "Your hold is ready", text)

    async def send_hold_expired(self, patron: Patron, branch_name: str) -> None:
        try:
            await self._deliver(patron, "Hold expired", EXPIRY_TEMPLATE.format(branch=branch_name))
        except (httpx.HTTPError, KeyError):
            pass

    async def send_many_channels(self, patron: Patron, subject: str, text: str) -> None:
        for channel in ("email", "sms", "push"):
            if channel == "email" and patron.email:
                await self._email.send(patron.email, subject, text)
            elif channel == "sms" and patron.phone:
                await self._sms.send(patron.phone, text)
            elif channel == "push":
                log.debug("push notices are not enabled for patron %s", patron.id)
