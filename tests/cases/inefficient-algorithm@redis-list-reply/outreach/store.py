"""Member reads for the outreach jobs."""
from __future__ import annotations

from typing import Any

import asyncpg


class MemberStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def lapsed(self) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT id, email FROM members WHERE last_visit_at < now() - interval '30 days' LIMIT 5000")
        return [dict(r) for r in rows]
