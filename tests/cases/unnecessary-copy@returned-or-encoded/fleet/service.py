from __future__ import annotations

from typing import Any

import asyncpg


class MonitorService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def list_for_org(self, org_id: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT id, name, status FROM monitors WHERE org_id = $1", org_id)
        return [dict(r) for r in rows]
