import asyncpg


async def expire_slots(pool: asyncpg.Pool) -> None:  # expect: worker-coordination
    await pool.execute("UPDATE slots SET state = 'free' WHERE held_until < now()")


async def send_reminders(pool: asyncpg.Pool) -> None:  # expect: worker-coordination
    await pool.execute("UPDATE appointments SET reminded = true WHERE starts_at < now() + interval '1 day'")


async def archive_visits(pool: asyncpg.Pool) -> None:
    await pool.execute("DELETE FROM visits WHERE ended_at < now() - interval '1 year'")
