"""Raw-SQL access to payments."""
from __future__ import annotations

import logging
from typing import Any

from svc.db.pool import connection, get_pool

log = logging.getLogger(__name__)


class PaymentRepository:
    async def record_intent(self, permit_id: int, provider_ref: str, amount_cents: int) -> None:
        async with connection() as conn:
            await conn.execute(
                """
                INSERT INTO payments (permit_id, provider_ref, amount_cents)
                VALUES ($1, $2, $3)
                ON CONFLICT ON CONSTRAINT uq_payments_provider_ref DO NOTHING
                """,
                permit_id,
                provider_ref,
                amount_cents,
            )

    async def settle(self, provider_ref: str, provider_status: str) -> bool:
        """Apply a provider status once; returns True when this call changed the row."""
        async with connection() as conn:
            async with conn.transaction():
                row = await conn.fetchrow(
                    "SELECT id, permit_id, status FROM payments WHERE provider_ref = $1 FOR UPDATE",
                    provider_ref,
                )
                if row is None or row["status"] != "pending":
                    return False
                await conn.execute("UPDATE payments SET status = $2 WHERE id = $1", row["id"], provider_status)
                if provider_status == "succeeded":
                    await conn.execute(
                        "UPDATE permits SET status = 'paid' WHERE id = $1 AND status = 'awaiting_payment'",
                        row["permit_id"],
                    )
                return True

    async def pending_since(self, cutoff: Any, limit: int = 500) -> list[dict[str, Any]]:
        async with connection() as conn:
            recs = await conn.fetch(
                "SELECT provider_ref, permit_id, created_at FROM payments "
                "WHERE status = 'pending' AND created_at < $1 ORDER BY created_at LIMIT $2",
                cutoff,
                limit,
            )
        return [dict(r) for r in recs]

    async def void_for_permit(self, permit_id: int) -> int:
        pool = get_pool()
        conn = await pool.acquire(timeout=5)
        result = await conn.execute(
            "UPDATE payments SET status = 'void' WHERE permit_id = $1 AND status = 'pending'", permit_id
        )
        await conn.execute(
            "INSERT INTO audit_log (entity, entity_id, action) VALUES ('permit', $1, 'payments_voided')", permit_id
        )
        await pool.release(conn)
        return int(result.split()[-1])
