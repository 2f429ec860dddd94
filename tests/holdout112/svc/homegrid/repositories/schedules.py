from __future__ import annotations

from datetime import date
from uuid import UUID

from homegrid.models import ChargePlan
from homegrid.db.pool import Repository


class ScheduleRepository(Repository):
    async def save(self, household_id: UUID, plan: ChargePlan) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                """
                INSERT INTO charge_schedules (household_id, device_id, day, plan, cost_pence)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (device_id, day) DO UPDATE
                SET plan = EXCLUDED.plan, cost_pence = EXCLUDED.cost_pence, created_at = now()
                """,
                household_id, plan.device_id, plan.day,
                {"slots_kw": plan.slots_kw, "soc": plan.soc_trajectory}, plan.cost_pence,
            )

    async def for_household_day(self, household_id: UUID, day: date) -> list[ChargePlan]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT device_id, day, plan, cost_pence FROM charge_schedules
                WHERE household_id = $1 AND day = $2
                """,
                household_id, day,
            )
        return [
            ChargePlan(
                device_id=r["device_id"], day=r["day"], slots_kw=r["plan"]["slots_kw"],
                soc_trajectory=r["plan"]["soc"], cost_pence=r["cost_pence"],
            )
            for r in rows
        ]
