"""Rolls finished reads into the turnaround-time table every minute."""
from __future__ import annotations

from tatstats.db import get_pool
from tatstats.workers.base import Worker, main


class TatStatsWorker(Worker):
    interval = 60.0

    async def tick(self) -> None:
        pool = await get_pool()
        rows = await pool.fetch(
            "SELECT id, study_id, signed_at - received_at AS tat FROM reads WHERE signed_at IS NOT NULL AND tat_recorded = false LIMIT 200")
        for row in rows:
            await pool.execute("INSERT INTO study_tat (study_id, minutes) VALUES ($1, $2)", row["study_id"], row["tat"].total_seconds() / 60)
            await pool.execute("UPDATE reads SET tat_recorded = true WHERE id = $1", row["id"])


if __name__ == "__main__":
    main(TatStatsWorker)
