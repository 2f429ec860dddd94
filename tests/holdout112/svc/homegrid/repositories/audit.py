from __future__ import annotations

from typing import Any

from homegrid.db.pool import Repository


class AuditRepository(Repository):
    async def record(self, actor: str, action: str, subject: str, detail: dict[str, Any] | None = None) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "INSERT INTO audit_log (actor, action, subject, detail) VALUES ($1, $2, $3, $4)",
                actor, action, subject, detail or {},
            )
