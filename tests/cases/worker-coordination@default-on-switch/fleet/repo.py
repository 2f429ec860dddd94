from fleet.db import pool


async def release_expired_leases() -> None:
    db = await pool()
    await db.execute("UPDATE vans SET leased_to = NULL WHERE lease_ends < now()")


async def delete_old_trips() -> None:
    db = await pool()
    await db.execute("DELETE FROM trips WHERE ended_at < now() - interval '90 days'")


async def mark_mileage_invoiced() -> None:
    db = await pool()
    await db.execute("UPDATE trips SET invoiced = true WHERE invoiced = false")
