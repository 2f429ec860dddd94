"""Reminds reviewers whose reviews are due within three days.

Run with ``python -m confer.workers.reminders``.
"""
from __future__ import annotations

import asyncio
import logging

from ..core.container import Container
from ..repositories.submissions import SubmissionRepository
from .runner import run_periodic

log = logging.getLogger(__name__)

DUE_SQL = """
SELECT r.id, r.submission_id, r.due_at, u.email, u.display_name
FROM reviews r JOIN users u ON u.id = r.reviewer_id
WHERE r.submitted_at IS NULL
  AND r.due_at < now() + interval '3 days'
  AND r.reminder_sent_at IS NULL
ORDER BY r.due_at
LIMIT 500
"""


async def send_reminders(container: Container) -> None:
    pool = container.pool
    subs = SubmissionRepository(pool)
    rows = await pool.fetch(DUE_SQL)
    sent = 0
    for row in rows:
        submission = await subs.get(row["submission_id"])
        body = (
            f"Dear {row['display_name']},\n\nyour review of #{submission['number']} "
            f"\"{submission['title']}\" is due on {row['due_at']:%Y-%m-%d}."
        )
        await container.mailer.send(row["email"], "Review reminder", body, tag="reminder")
        await pool.execute("UPDATE reviews SET reminder_sent_at = now() WHERE id = $1", row["id"])
        sent += 1
    log.info("sent %d review reminders", sent)


async def main() -> None:
    await run_periodic("reminders", send_reminders, interval=900)


if __name__ == "__main__":
    asyncio.run(main())
