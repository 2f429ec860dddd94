from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.models import Bill
from svc.repos.accounts import AccountsRepo
from svc.repos.bills import BillsRepo, DunningRepo
from svc.services.notifications import Notifier
from svc.utils.metrics import DUNNING_NOTICES

logger = logging.getLogger(__name__)

# days past due -> stage
STAGES: tuple[tuple[int, str], ...] = ((0, "reminder"), (14, "final_notice"), (28, "disconnection_warning"))


def stage_for(bill: Bill, today: dt.date) -> str | None:
    if bill.due_date is None:
        return None
    overdue = (today - bill.due_date).days - settings.dunning_grace_days
    for threshold, stage in reversed(STAGES):
        if overdue >= threshold:
            return stage
    return None


class DunningService:
    def __init__(self, session: AsyncSession, notifier: Notifier) -> None:
        self._session = session
        self._bills = BillsRepo(session)
        self._accounts = AccountsRepo(session)
        self._events = DunningRepo(session)
        self._notifier = notifier

    async def run(self, today: dt.date) -> int:
        cutoff = today - dt.timedelta(days=settings.dunning_grace_days)
        bills = await self._bills.overdue(cutoff)
        already = await self._events.stages_for_bills([b.id for b in bills])
        sent = 0
        for bill in bills:
            stage = stage_for(bill, today)
            if stage is None or stage in already[bill.id]:
                continue
            account = await self._accounts.get(bill.account_id)
            if account is None or account.status != "active":
                continue
            if not await self._events.record(account.id, bill.id, stage):
                continue
            await self._session.commit()
            await self._notifier.dunning_notice(account, bill, stage)
            DUNNING_NOTICES.labels(stage=stage).inc()
            sent += 1
        logger.info("dunning run for %s: %d notices", today, sent)
        return sent
