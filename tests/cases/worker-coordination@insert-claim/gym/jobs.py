"""Periodic jobs every API process starts."""
import asyncio
import datetime as dt
import logging

import httpx

from gym.db import Session, get_pool
from gym.repos.reminders import ReminderLog, first_to_record, record_sent

log = logging.getLogger(__name__)
mailer = httpx.AsyncClient(base_url="https://mail.internal", timeout=5)


async def repeat(seconds: float, job) -> None:
    while True:
        try:
            await job()
        except Exception:
            log.exception("job failed")
        await asyncio.sleep(seconds)


async def remind_overdue() -> None:
    """Each reminder goes out once: the ORM insert under the unique key decides who sends it."""
    period = dt.date.today().isoformat()
    pool = await get_pool()
    rows = await pool.fetch("SELECT id, email FROM members WHERE balance < 0")
    async with Session() as session:
        reminders = ReminderLog(session)
        for row in rows:
            if not await reminders.claim(row["id"], "overdue", period):
                continue
            await mailer.post("/send", json={"to": row["email"], "template": "overdue"})
        await session.commit()


async def remind_renewals() -> None:
    """The same with a raw-SQL insert claim."""
    period = dt.date.today().strftime("%Y-%m")
    pool = await get_pool()
    rows = await pool.fetch("SELECT id, email FROM members WHERE renews_on < now() + interval '7 days'")
    for row in rows:
        if await first_to_record(row["id"], "renewal", period):
            await mailer.post("/send", json={"to": row["email"], "template": "renewal"})


async def expire_passes() -> None:
    """A plain insert claims nothing: every process sends, then records."""
    pool = await get_pool()
    rows = await pool.fetch("SELECT id, email FROM members WHERE pass_ends_on < now()")  # expect: worker-coordination
    for row in rows:
        await mailer.post("/send", json={"to": row["email"], "template": "expired"})
        await record_sent(row["id"], "expired", "once")
