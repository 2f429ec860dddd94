"""Mails monthly statements; three variants of the same job."""
import asyncio
from datetime import datetime, timezone

from tally.db import Session, StatementStore
from tally.mail import deliver_all


class StatementMailer:
    def __init__(self, every: float) -> None:
        self.every = every

    async def mail_batch(self) -> int:
        async with Session() as session:
            store = StatementStore(session)
            pending = await store.unmailed(limit=200)  # expect: worker-coordination
            sent = await deliver_all(pending)
            await store.flag_mailed([s.id for s in pending], datetime.now(timezone.utc))
            await session.commit()
        return sent

    async def run(self) -> None:
        while True:
            await self.mail_batch()
            await asyncio.sleep(self.every)


class ReminderMailer:
    def __init__(self, every: float) -> None:
        self.every = every

    async def remind(self) -> None:
        async with Session() as session:
            store = StatementStore(session)
            overdue = await store.unmailed(limit=50)  # expect: worker-coordination
            await deliver_all(overdue)
            await session.commit()

    async def run(self) -> None:
        while True:
            await self.remind()
            await asyncio.sleep(self.every)


class ClaimingMailer:
    """Look-alike: the batch is claimed with FOR UPDATE SKIP LOCKED, so replicas split it."""

    def __init__(self, every: float) -> None:
        self.every = every

    async def mail_batch(self) -> None:
        async with Session() as session:
            store = StatementStore(session)
            claimed = await store.claim_unmailed(limit=200)
            await deliver_all(claimed)
            await store.flag_mailed([s.id for s in claimed], datetime.now(timezone.utc))
            await session.commit()

    async def run(self) -> None:
        while True:
            await self.mail_batch()
            await asyncio.sleep(self.every)
