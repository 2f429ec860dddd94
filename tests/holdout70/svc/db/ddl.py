"""DDL for the tables that are only touched through asyncpg.

Applied by ``python -m svc.db.ddl`` in the deploy job; statements are idempotent.
"""
from __future__ import annotations

import asyncio

import asyncpg

STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS odds_history (
        id            BIGSERIAL PRIMARY KEY,
        selection_id  BIGINT      NOT NULL,
        provider      TEXT        NOT NULL,
        price         NUMERIC(10,3) NOT NULL,
        ts            TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_odds_history_sel_ts ON odds_history (selection_id, ts DESC)",
    """
    CREATE TABLE IF NOT EXISTS selections (
        id          BIGINT PRIMARY KEY,
        event_id    BIGINT NOT NULL,
        market      TEXT   NOT NULL,
        name        TEXT   NOT NULL,
        price       NUMERIC(10,3),
        status      TEXT   NOT NULL DEFAULT 'open',
        updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_selections_event ON selections (event_id)",
    """
    CREATE TABLE IF NOT EXISTS bet_legs (
        id            BIGSERIAL PRIMARY KEY,
        bet_id        BIGINT NOT NULL,
        selection_id  BIGINT NOT NULL,
        odds          NUMERIC(10,3) NOT NULL,
        status        TEXT NOT NULL DEFAULT 'open',
        result        TEXT
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_bet_legs_bet ON bet_legs (bet_id)",
    """
    CREATE TABLE IF NOT EXISTS settlement_ledger (
        id          BIGSERIAL PRIMARY KEY,
        bet_id      BIGINT NOT NULL UNIQUE,
        outcome     TEXT NOT NULL,
        payout      NUMERIC(14,2) NOT NULL,
        settled_at  TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS event_results (
        event_id    BIGINT PRIMARY KEY,
        payload     JSONB NOT NULL,
        received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        processed   BOOLEAN NOT NULL DEFAULT false
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_event_results_pending ON event_results (received_at) WHERE NOT processed",
)


async def apply(dsn: str) -> None:
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        async with conn.transaction():
            for stmt in STATEMENTS:
                await conn.execute(stmt)
    finally:
        await conn.close()


if __name__ == "__main__":
    import sys

    asyncio.run(apply(sys.argv[1]))
