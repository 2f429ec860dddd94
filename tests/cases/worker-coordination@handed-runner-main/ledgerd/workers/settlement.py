"""Settles due merchant balances every minute; deployed with replicas: 3 like the payouts worker."""
from __future__ import annotations

import asyncio

from ledgerd.db import Container
from ledgerd.runtime import run_program


async def main(container: Container, stop: asyncio.Event) -> None:
    while not stop.is_set():
        rows = await container.pool.fetch(
            "SELECT id, merchant_id, amount FROM balances WHERE due_at <= now() AND settled_at IS NULL LIMIT 100")  # expect: worker-coordination
        for row in rows:
            await container.pool.execute(
                "INSERT INTO settlements (merchant_id, amount, settled_at) VALUES ($1, $2, now())",
                row["merchant_id"], row["amount"])
            await container.pool.execute("UPDATE balances SET settled_at = now() WHERE id = $1", row["id"])
        await asyncio.sleep(60)


if __name__ == "__main__":
    run_program("settlement", main)
