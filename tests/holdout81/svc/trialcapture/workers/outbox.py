from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta

from ..clients.sponsor import SponsorError
from ..container import Container
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

_CLAIM_SQL = """
SELECT id, topic, payload, attempts
FROM outbox
WHERE status = 'pending' AND next_attempt_at <= now()
ORDER BY id
LIMIT $1
"""


class OutboxWorker:
    """Delivers expedited safety reports written to the outbox in the reporting transaction."""

    def __init__(self, container: Container, poll_interval: float = 5.0) -> None:
        self._c = container
        self._poll = poll_interval

    async def run_forever(self) -> None:
        while True:
            delivered = await self.drain_once()
            if delivered == 0:
                await asyncio.sleep(self._poll)

    async def drain_once(self) -> int:
        rows = await self._c.pg.fetch(_CLAIM_SQL, self._c.settings.outbox_batch_size)
        delivered = 0
        for row in rows:
            payload = json.loads(row["payload"]) if isinstance(row["payload"], str) else row["payload"]
            try:
                case_ref = await self._c.sponsor.notify_expedited(payload)
            except SponsorError as exc:
                await self._reschedule(row["id"], row["attempts"] + 1, str(exc))
                continue
            await self._c.pg.execute(
                "UPDATE outbox SET status = 'sent', attempts = attempts + 1 WHERE id = $1", row["id"]
            )
            await self._c.pg.execute(
                "UPDATE adverse_events SET case_ref = $2, sponsor_notified_at = now() WHERE id = $1",
                payload.get("ae_id"), case_ref,
            )
            delivered += 1
        return delivered

    async def _reschedule(self, message_id: int, attempts: int, error: str) -> None:
        if attempts >= self._c.settings.outbox_max_attempts:
            await self._c.pg.execute("UPDATE outbox SET status = 'dead', attempts = $2 WHERE id = $1", message_id, attempts)
            return
        delay = timedelta(seconds=min(3600, 15 * 2**attempts))
        await self._c.pg.execute(
            "UPDATE outbox SET attempts = $2, next_attempt_at = $3 WHERE id = $1",
            message_id, attempts, utcnow() + delay,
        )
        log.warning("outbox message %s failed (attempt %d): %s; retrying in %s", message_id, attempts, error, delay)
