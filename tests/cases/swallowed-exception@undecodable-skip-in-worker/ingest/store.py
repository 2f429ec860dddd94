"""Where usage records go."""
from __future__ import annotations

from typing import Any

import asyncpg


class UsageStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(self, record: dict[str, Any]) -> None:
        await self._pool.execute(
            "INSERT INTO usage (tenant_id, meter, quantity) VALUES ($1, $2, $3)",
            record["tenant_id"], record["meter"], record["quantity"],
        )
