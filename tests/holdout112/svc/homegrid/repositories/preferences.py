from __future__ import annotations

from typing import Any, Sequence
from uuid import UUID

from homegrid.db.pool import Repository


class PreferenceRepository(Repository):
    async def get(self, household_id: UUID) -> dict[str, Any]:
        async with self.db.connection() as conn:
            value = await conn.fetchval(
                "SELECT prefs FROM household_preferences WHERE household_id = $1", household_id
            )
        return dict(value or {})

    async def merge(self, household_id: UUID, changes: dict[str, Any]) -> dict[str, Any]:
        async with self.db.connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO household_preferences (household_id, prefs) VALUES ($1, $2)
                ON CONFLICT (household_id) DO UPDATE
                SET prefs = household_preferences.prefs || EXCLUDED.prefs, updated_at = now()
                RETURNING prefs
                """,
                household_id, changes,
            )

    async def get_many(self, household_ids: Sequence[UUID]) -> dict[UUID, dict[str, Any]]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                "SELECT household_id, prefs FROM household_preferences WHERE household_id = ANY($1::uuid[])",
                list(household_ids),
            )
        return {r["household_id"]: dict(r["prefs"]) for r in rows}
