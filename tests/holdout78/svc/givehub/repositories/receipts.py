from __future__ import annotations

from ..db.connections import PgPool


class ReceiptRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def create_for_donation(self, donation_id: int, donor_id: int, number: str) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO receipts (donation_id, donor_id, number) VALUES ($1, $2, $3) "
                "ON CONFLICT (donation_id) DO UPDATE SET donation_id = EXCLUDED.donation_id RETURNING id",
                donation_id, donor_id, number,
            )

    async def claim_pending(self, limit: int = 50) -> list[dict]:
        async with self._pg.transaction() as conn:
            rows = await conn.fetch(
                "UPDATE receipts SET status = 'sending', attempts = attempts + 1 WHERE id IN ("
                " SELECT id FROM receipts WHERE status = 'pending' ORDER BY created_at"
                " LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id, donation_id, donor_id, number, pdf_path, attempts",
                limit,
            )
        return [dict(r) for r in rows]

    async def mark_sent(self, receipt_id: int, pdf_path: str) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE receipts SET status = 'sent', pdf_path = $2 WHERE id = $1", receipt_id, pdf_path
            )

    async def release(self, receipt_id: int, attempts: int) -> None:
        status = "failed" if attempts >= 5 else "pending"
        async with self._pg.connection() as conn:
            await conn.execute("UPDATE receipts SET status = $2 WHERE id = $1", receipt_id, status)

    async def get_for_donation(self, donation_id: int) -> dict | None:
        async with self._pg.connection() as conn:
            row = await conn.fetchrow("SELECT * FROM receipts WHERE donation_id = $1", donation_id)
        return dict(row) if row else None

    async def count_with_status(self, status: str) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval("SELECT count(*) FROM receipts WHERE status = $1", status)
