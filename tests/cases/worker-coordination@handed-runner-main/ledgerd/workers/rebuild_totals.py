"""One-off, run by hand after a fix to the fee rules: python -m ledgerd.workers.rebuild_totals"""
from __future__ import annotations

import asyncio

from ledgerd.db import Container
from ledgerd.runtime import run_program


async def main(container: Container, stop: asyncio.Event) -> None:
    rows = await container.pool.fetch("SELECT merchant_id, sum(amount) AS total FROM settlements GROUP BY merchant_id")
    for row in rows:
        await container.pool.execute(
            "UPDATE merchants SET settled_total = $2 WHERE id = $1", row["merchant_id"], row["total"])


if __name__ == "__main__":
    run_program("rebuild-totals", main)
