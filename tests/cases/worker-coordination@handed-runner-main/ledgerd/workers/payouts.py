"""Sends approved payouts to the provider; each copy claims its own rows."""
from __future__ import annotations

import asyncio

from ledgerd.db import Container
from ledgerd.runtime import run_program

CLAIM = """
    UPDATE payouts SET status = 'sending', claimed_at = now()
    WHERE id IN (SELECT id FROM payouts WHERE status = 'approved' ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
    RETURNING id, merchant_id, amount
"""


async def main(container: Container, stop: asyncio.Event) -> None:
    while not stop.is_set():
        async with container.pool.acquire() as conn:
            rows = await conn.fetch(CLAIM)
        for row in rows:
            await container.provider.post("/v1/payouts", json={"merchant": row["merchant_id"], "amount": row["amount"]})
            await container.pool.execute("UPDATE payouts SET status = 'sent' WHERE id = $1", row["id"])
        await asyncio.sleep(15)


if __name__ == "__main__":
    run_program("payouts", main)
