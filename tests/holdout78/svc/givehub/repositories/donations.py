from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..db.models import Donation
from ..db.connections import PgPool

_COLUMNS = (
    "id, campaign_id, charity_id, donor_id, amount_cents, fee_cents, currency, status, "
    "gateway_ref, giftaid, created_at"
)


class DonationRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], pg: PgPool) -> None:
        self._sessions = sessions
        self._pg = pg

    async def insert_pending(
        self,
        *,
        campaign_id: int,
        charity_id: int,
        donor_id: int,
        amount_cents: int,
        currency: str,
        giftaid: bool,
        idempotency_key: str,
        recurring_plan_id: int | None = None,
    ) -> tuple[int, bool]:
        """Returns (donation id, created). Replays of the same key return the original row."""
        async with self._pg.connection() as conn:
            row = await conn.fetchrow(
                "INSERT INTO donations (campaign_id, charity_id, donor_id, amount_cents, currency, giftaid, "
                "idempotency_key, recurring_plan_id, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending') "
                "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                campaign_id, charity_id, donor_id, amount_cents, currency, giftaid,
                idempotency_key, recurring_plan_id,
            )
            if row is not None:
                return row["id"], True
            existing = await conn.fetchval(
                "SELECT id FROM donations WHERE idempotency_key = $1", idempotency_key
            )
        return existing, False

    async def get(self, donation_id: int) -> dict | None:
        async with self._pg.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM donations WHERE id = $1", donation_id)
        return dict(row) if row else None

    async def get_by_gateway_ref(self, gateway_ref: str) -> dict | None:
        async with self._pg.connection() as conn:
            row = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM donations "
                "WHERE gateway_ref = $1",
                gateway_ref,
            )
        return dict(row) if row else None

    async def mark_status(
        self, donation_id: int, status: str, gateway_ref: str | None = None, fee_cents: int | None = None
    ) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE donations SET status = $2, gateway_ref = coalesce($3, gateway_ref), "
                "fee_cents = coalesce($4, fee_cents) WHERE id = $1",
                donation_id, status, gateway_ref, fee_cents,
            )

    async def set_fraud_score(self, donation_id: int, score: float) -> None:
        async with self._pg.connection() as conn:
            await conn.execute("UPDATE donations SET fraud_score = $2 WHERE id = $1", donation_id, score)

    async def recent_for_campaign(self, campaign_id: int, before_id: int | None, limit: int = 20) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM donations WHERE campaign_id = $1 AND status = 'succeeded' "
                "AND ($2::bigint IS NULL OR id < $2) ORDER BY created_at DESC LIMIT $3",
                campaign_id, before_id, limit,
            )
        return [dict(r) for r in rows]

    async def for_donor(self, donor_id: int, limit: int = 50) -> list[Donation]:
        stmt = (
            select(Donation)
            .where(Donation.donor_id == donor_id)
            .options(selectinload(Donation.campaign))
            .order_by(Donation.id.desc())
            .limit(limit)
        )
        async with self._sessions() as session:
            return list((await session.execute(stmt)).scalars())

    async def sum_unpaid_for_charity(self, charity_id: int) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "SELECT coalesce(sum(amount_cents - fee_cents), 0) FROM donations "
                "WHERE charity_id = $1 AND payout_batch_id IS NULL AND status = 'succeeded'",
                charity_id,
            )

    async def unpaid_ids_for_charity(self, charity_id: int, limit: int) -> list[int]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id FROM donations WHERE charity_id = $1 AND payout_batch_id IS NULL "
                "AND status = 'succeeded' ORDER BY id LIMIT $2",
                charity_id, limit,
            )
        return [r["id"] for r in rows]

    async def count_by_status(self, campaign_id: int, status: str) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM donations WHERE campaign_id = $1 AND status = $2", campaign_id, status
            )

    async def giftaid_records(self, start: datetime, end: datetime) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT d.id, d.amount_cents, d.created_at, p.email, p.full_name, p.house_number, p.postcode, "
                "p.id AS donor_id FROM donations d JOIN donors p ON p.id = d.donor_id "
                "WHERE d.created_at >= $1 AND d.created_at < $2 AND d.giftaid AND d.status = 'succeeded' "
                "AND p.uk_taxpayer",
                start, end,
            )
        return [dict(r) for r in rows]

    async def get_many(self, ids: Sequence[int]) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(f"SELECT {_COLUMNS} FROM donations WHERE id = ANY($1::bigint[])", list(ids))
        return [dict(r) for r in rows]


class RecurringPlanRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def due(self, now: datetime) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT p.id, p.donor_id, p.campaign_id, c.charity_id, p.amount_cents, p.interval_days, "
                "p.gateway_mandate, p.failures, p.next_charge_at "
                "FROM recurring_plans p JOIN campaigns c ON c.id = p.campaign_id "
                "WHERE p.status = 'active' AND p.next_charge_at <= $1 ORDER BY p.next_charge_at",
                now,
            )
        return [dict(r) for r in rows]

    async def get(self, plan_id: int) -> dict | None:
        async with self._pg.connection() as conn:
            row = await conn.fetchrow("SELECT * FROM recurring_plans WHERE id = $1", plan_id)
        return dict(row) if row else None

    async def advance(self, plan_id: int, next_charge_at: datetime) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE recurring_plans SET next_charge_at = $2, failures = 0 WHERE id = $1",
                plan_id, next_charge_at,
            )

    async def record_failure(self, plan_id: int, max_failures: int = 3) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE recurring_plans SET failures = failures + 1, "
                "status = CASE WHEN failures + 1 >= $2 THEN 'lapsed' ELSE status END WHERE id = $1",
                plan_id, max_failures,
            )

    async def create(self, donor_id: int, campaign_id: int, amount_cents: int, mandate: str, first_at: datetime) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO recurring_plans (donor_id, campaign_id, amount_cents, gateway_mandate, next_charge_at) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                donor_id, campaign_id, amount_cents, mandate, first_at,
            )

    async def set_status(self, plan_id: int, status: str) -> None:
        async with self._pg.connection() as conn:
            await conn.execute("UPDATE recurring_plans SET status = $2 WHERE id = $1", plan_id, status)

    async def set_amount(self, plan_id: int, amount_cents: int) -> None:
        async with self._pg.connection() as conn:
            await conn.execute("UPDATE recurring_plans SET amount_cents = $2 WHERE id = $1", plan_id, amount_cents)
