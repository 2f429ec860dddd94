from __future__ import annotations

from datetime import datetime, timezone

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Prescription, RefillRequest


async def get_prescription(session: AsyncSession, prescription_id: int) -> Prescription | None:
    return await session.get(Prescription, prescription_id)


async def get_refill_request(session: AsyncSession, request_id: int) -> RefillRequest | None:
    return await session.get(RefillRequest, request_id)


async def prescriptions_by_ids(session: AsyncSession, ids: list[int]) -> dict[int, Prescription]:
    rows = (await session.execute(select(Prescription).where(Prescription.id.in_(ids)))).scalars()
    return {rx.id: rx for rx in rows}


async def pending_refills(session: AsyncSession, limit: int = 200) -> list[RefillRequest]:
    stmt = (
        select(RefillRequest)
        .where(RefillRequest.status == "pending")
        .order_by(RefillRequest.requested_at)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


CONSUME_REFILL_SQL = """
UPDATE prescriptions
   SET refills_remaining = refills_remaining - 1,
       last_filled_at = $2
 WHERE id = $1 AND refills_remaining > 0
RETURNING refills_remaining
"""


async def consume_refill(conn: asyncpg.Connection, prescription_id: int) -> int | None:
    """Atomically take one refill; None when none are left."""
    return await conn.fetchval(CONSUME_REFILL_SQL, prescription_id, datetime.now(timezone.utc))
