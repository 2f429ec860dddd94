"""Advance holds queues: pull an on-shelf copy for the next patron, expire uncollected holds."""
from __future__ import annotations

import json
import logging

from stacks.repositories.holdings import HoldingRepository
from stacks.repositories.holds import HoldRepository
from stacks.repositories.patrons import PatronRepository
from stacks.utils.timeutil import add_days, now_utc
from stacks.workers.context import WorkerContext

log = logging.getLogger(__name__)

BATCH = 100


async def advance_once(ctx: WorkerContext, branch_names: dict[int, str]) -> int:
    advanced = 0
    async with ctx.sessionmaker() as session:
        holds = HoldRepository(session)
        holdings = HoldingRepository(session)
        patrons = PatronRepository(session)
        queued = await holds.next_batch_queued(BATCH)
        owners = await patrons.get_many(sorted({h.patron_id for h in queued}))
        for hold in queued:
            copy = await holdings.first_on_shelf(hold.title_id, hold.pickup_branch_id)
            if copy is None:
                continue
            pickup_by = add_days(now_utc(), ctx.settings.hold_pickup_days)
            await holdings.set_status(copy.id, "held")
            await holds.mark(hold.id, status="ready", ready_at=now_utc(), pickup_by=pickup_by, holding_id=copy.id)
            hold.pickup_by = pickup_by
            branch_name = branch_names.get(hold.pickup_branch_id, "your library")
            ctx.redis.publish(f"holds:ready:{hold.patron_id}", json.dumps({"hold_id": hold.id, "branch": branch_name}))
            patron = owners.get(hold.patron_id)
            if patron is not None:
                await ctx.notices.send_hold_ready(patron, hold, branch=branch_name)
            advanced += 1
        await session.commit()
    return advanced


async def expire_once(ctx: WorkerContext, branch_names: dict[int, str]) -> int:
    async with ctx.sessionmaker() as session:
        holds = HoldRepository(session)
        holdings = HoldingRepository(session)
        expired = await holds.expired_ready(now_utc(), BATCH)
        owners = await PatronRepository(session).get_many([h.patron_id for h in expired])
        for hold in expired:
            await holds.mark(hold.id, status="expired")
            if hold.holding_id is not None:
                await holdings.set_status(hold.holding_id, "on_shelf")
        await session.commit()
    for hold in expired:
        patron = owners.get(hold.patron_id)
        if patron is not None:
            await ctx.notices.send_hold_expired(patron, branch_names.get(hold.pickup_branch_id, "your library"))
    return len(expired)
