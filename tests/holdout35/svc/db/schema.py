"""Raw-SQL tables owned by the payout and location pipelines (asyncpg side)."""
from __future__ import annotations

import asyncpg

DDL = [
    """
    CREATE TABLE IF NOT EXISTS driver_earnings (
        id BIGSERIAL PRIMARY KEY,
        driver_id BIGINT NOT NULL REFERENCES drivers(id),
        trip_id BIGINT NOT NULL REFERENCES trips(id),
        amount_cents INTEGER NOT NULL,
        earned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        payout_id BIGINT
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_earnings_driver_unpaid ON driver_earnings (driver_id) WHERE payout_id IS NULL",
    """
    CREATE TABLE IF NOT EXISTS payouts (
        id BIGSERIAL PRIMARY KEY,
        driver_id BIGINT NOT NULL REFERENCES drivers(id),
        amount_cents INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        bank_reference TEXT,
        failure_reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        scheduled_for DATE NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_payouts_status_scheduled ON payouts (status, scheduled_for)",
    "CREATE INDEX IF NOT EXISTS ix_payouts_bank_reference ON payouts (bank_reference)",
    """
    CREATE TABLE IF NOT EXISTS driver_location_history (
        driver_id BIGINT NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL,
        lat DOUBLE PRECISION NOT NULL,
        lng DOUBLE PRECISION NOT NULL,
        heading SMALLINT,
        speed_kmh REAL,
        PRIMARY KEY (driver_id, recorded_at)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS surge_snapshots (
        zone TEXT NOT NULL,
        computed_at TIMESTAMPTZ NOT NULL,
        multiplier NUMERIC(4, 2) NOT NULL,
        open_requests INTEGER NOT NULL,
        available_drivers INTEGER NOT NULL,
        PRIMARY KEY (zone, computed_at)
    )
    """,
]


async def apply_schema(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction():
            for statement in DDL:
                await conn.execute(statement)
