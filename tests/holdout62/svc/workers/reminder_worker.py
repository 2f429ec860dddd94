"""Sends appointment reminders for the next 24-48 hours."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from svc.config import get_settings
from svc.services.reminders import due_reminders, send_all

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=48)
INTERVAL_SECONDS = 60

_stats = {"runs": 0, "sent": 0}


async def run_once() -> int:
    settings = get_settings()
    due = await due_reminders(WINDOW, settings.reminder_batch)
    if not due:
        return 0
    sent = await send_all(due)
    _stats["runs"] += 1
    _stats["sent"] += sent
    log.info("reminders: %d due, %d sent", len(due), sent)
    return sent


async def run_forever() -> None:
    while True:
        await run_once()
        await asyncio.sleep(INTERVAL_SECONDS)


def stats() -> dict[str, int]:
    return dict(_stats)


VACCINATION_SQL = """
SELECT DISTINCT ON (p.id, r.body->>'vaccine')
       p.id AS pet_id, p.name AS pet_name, p.species, o.email, o.full_name,
       r.body->>'vaccine' AS vaccine, r.recorded_at
FROM pets p
JOIN owners o ON o.id = p.owner_id
JOIN medical_records r ON r.pet_id = p.id AND r.kind = 'vaccination'
WHERE p.home_clinic_id = $1
ORDER BY p.id, r.body->>'vaccine', r.recorded_at DESC
"""


async def vaccination_digest(clinic_id: int) -> int:
    from datetime import datetime, timezone

    from svc.clients.email import send_email
    from svc.db.pg import pool
    from svc.services.records import VACCINE_INTERVALS_DAYS

    async with pool().acquire() as conn:
        rows = await conn.fetch(VACCINATION_SQL, clinic_id)
    now = datetime.now(timezone.utc)
    by_owner: dict[str, list[str]] = {}
    for row in rows:
        interval = VACCINE_INTERVALS_DAYS.get(row["species"].lower(), {}).get(row["vaccine"])
        if interval is None or not row["email"]:
            continue
        if (now - row["recorded_at"]).days >= interval - 14:
            by_owner.setdefault(row["email"], []).append(f"{row['pet_name']}: {row['vaccine']}")
    for email, lines in by_owner.items():
        await send_email(email, "Vaccinations due soon", "\n".join(lines))
    return len(by_owner)
