"""Find overdue loans, assess fines and send overdue notices."""
from __future__ import annotations

import asyncio
import logging

from stacks.repositories.fines import FineRepository
from stacks.repositories.loans import LoanRepository
from stacks.repositories.patrons import PatronRepository
from stacks.services.fines import overdue_fine_cents
from stacks.utils.timeutil import days_between, now_utc
from stacks.workers.context import WorkerContext

log = logging.getLogger(__name__)

BATCH = 200


async def sweep_once(ctx: WorkerContext) -> int:
    now = now_utc()
    async with ctx.sessionmaker() as session:
        loans = await LoanRepository(session).claim_overdue(now, BATCH)
        patrons = PatronRepository(session)
        fines = FineRepository(session)
        limit = asyncio.Semaphore(ctx.settings.worker_concurrency)

        async def notify(loan, patron) -> None:
            async with limit:
                await ctx.notices.send_overdue(patron, loan)

        sends = []
        for loan in loans:
            patron = await patrons.get(loan.patron_id)
            amount = overdue_fine_cents(days_between(loan.due_at, now), ctx.settings.fine_daily_cents, ctx.settings.fine_cap_cents)
            await fines.upsert_overdue(loan.patron_id, loan.id, amount)
            loan.last_notice_at = now
            if patron is not None:
                sends.append(notify(loan, patron))
        await session.commit()
    results = await asyncio.gather(*sends, return_exceptions=True)
    failed = sum(1 for r in results if isinstance(r, Exception))
    if failed:
        log.warning("overdue sweep: %d of %d notices failed", failed, len(results))
    return len(loans)
