"""Evening reminders for unpaid invoices, mailed through the relay."""
import asyncio
import smtplib
from email.message import EmailMessage

import aiosmtplib
import asyncpg


async def _overdue(pool: asyncpg.Pool) -> list:
    async with pool.acquire() as conn:
        return await conn.fetch("SELECT email, total FROM invoices WHERE paid_at IS NULL AND due < now()")


async def mail_reminders(pool: asyncpg.Pool) -> None:
    rows = await _overdue(pool)
    for row in rows:
        msg = EmailMessage()
        msg["To"] = row["email"]
        msg.set_content(f"You owe {row['total']}")
        await aiosmtplib.send(msg, hostname="relay.internal")


async def reminder_loop(pool: asyncpg.Pool) -> None:
    while True:
        await mail_reminders(pool)  # expect: worker-coordination
        await asyncio.sleep(3600)


def _send_summary(rows: list) -> None:
    with smtplib.SMTP("relay.internal", 25, timeout=10) as smtp:
        msg = EmailMessage()
        msg.set_content(f"{len(rows)} accounts overdue")
        smtp.send_message(msg)


async def summary_loop(pool: asyncpg.Pool, redis) -> None:
    while True:
        if await redis.set("lock:summary", "1", nx=True, ex=3000):
            rows = await _overdue(pool)
            await asyncio.to_thread(_send_summary, rows)
        await asyncio.sleep(3600)


async def heartbeat_loop() -> None:
    while True:
        msg = EmailMessage()
        msg.set_content("alive")
        await aiosmtplib.send(msg, hostname="relay.internal")
        await asyncio.sleep(60)


class WeeklyDigest:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def run(self) -> None:
        while True:
            async with self._pool.acquire() as conn:
                owners = await conn.fetch("SELECT email FROM owners")  # expect: worker-coordination
            with smtplib.SMTP("relay.internal", 25, timeout=10) as smtp:
                for owner in owners:
                    msg = EmailMessage()
                    msg["To"] = owner["email"]
                    smtp.sendmail("noreply@example.com", [owner["email"]], msg.as_string())
            await asyncio.sleep(7 * 86400)
