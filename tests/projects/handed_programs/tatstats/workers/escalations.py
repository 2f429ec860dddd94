"""Escalates overdue stat reads; every replica claims its own rows."""
from __future__ import annotations

from tatstats.db import get_pool
from tatstats.workers.base import Worker, main

CLAIM = """
    UPDATE reads SET escalated_at = now()
    WHERE id IN (SELECT id FROM reads WHERE priority = 'stat' AND signed_at IS NULL
                 AND received_at < now() - interval '1 hour' AND escalated_at IS NULL
                 ORDER BY received_at LIMIT 50 FOR UPDATE SKIP LOCKED)
    RETURNING id, radiologist_id
"""


class EscalationWorker(Worker):
    interval = 30.0

    async def tick(self) -> None:
        pool = await get_pool()
        rows = await pool.fetch(CLAIM)
        for row in rows:
            await pool.execute("INSERT INTO pages (radiologist_id, read_id) VALUES ($1, $2)", row["radiologist_id"], row["id"])


if __name__ == "__main__":
    main(EscalationWorker)
