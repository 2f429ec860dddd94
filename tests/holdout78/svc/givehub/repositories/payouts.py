from __future__ import annotations

from collections.abc import Sequence

from ..db.connections import PgPool


class PayoutRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def create_batch(self, charity_id: int, donation_ids: Sequence[int]) -> dict:
        async with self._pg.transaction() as conn:
            total = await conn.fetchval(
                "SELECT coalesce(sum(amount_cents - fee_cents), 0) FROM donations "
                "WHERE id = ANY($1::bigint[]) AND payout_batch_id IS NULL",
                list(donation_ids),
            )
            batch_id = await conn.fetchval(
                "INSERT INTO payout_batches (charity_id, total_cents) VALUES ($1, $2) RETURNING id",
                charity_id, total,
            )
            await conn.execute(
                "UPDATE donations SET payout_batch_id = $1 WHERE id = ANY($2::bigint[]) AND payout_batch_id IS NULL",
                batch_id, list(donation_ids),
            )
        return {"id": batch_id, "charity_id": charity_id, "total_cents": total}

    async def mark_submitted(self, batch_id: int, bank_ref: str) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE payout_batches SET status = 'submitted', bank_ref = $2 WHERE id = $1", batch_id, bank_ref
            )

    async def mark_failed(self, batch_id: int) -> None:
        async with self._pg.connection() as conn:
            await conn.execute("UPDATE payout_batches SET status = 'failed' WHERE id = $1", batch_id)

    async def submitted(self) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, charity_id, total_cents, bank_ref FROM payout_batches WHERE status = 'submitted'"
            )
        return [dict(r) for r in rows]

    async def mark_settled(self, batch_ids: Sequence[int]) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE payout_batches SET status = 'settled' WHERE id = ANY($1::bigint[])", list(batch_ids)
            )

    async def charities_with_unpaid(self) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT c.id, c.name, c.payout_account_ref FROM charities c "
                "WHERE c.verified AND c.payout_account_ref IS NOT NULL AND EXISTS ("
                " SELECT 1 FROM donations d WHERE d.charity_id = c.id AND d.payout_batch_id IS NULL"
                " AND d.status = 'succeeded')"
            )
        return [dict(r) for r in rows]
