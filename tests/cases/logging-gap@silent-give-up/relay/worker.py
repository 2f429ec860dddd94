import logging
from datetime import datetime, timedelta, timezone

from relay import db
from relay.partner import PartnerClient, PartnerError

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


class RelayWorker:
    def __init__(self, partner: PartnerClient) -> None:
        self._partner = partner

    async def drain(self) -> int:
        rows = await db.fetch("SELECT id, payload, attempts FROM relay_queue WHERE status = 'pending' "
                                      "ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED")
        sent = 0
        for row in rows:
            try:
                await self._partner.deliver(row["payload"])
            except PartnerError as exc:
                await self._retry_later(row["id"], row["attempts"] + 1, str(exc))
                continue
            await db.execute("UPDATE relay_queue SET status = 'sent' WHERE id = $1", row["id"])
            sent += 1
        return sent

    async def drain_logged(self) -> int:
        rows = await db.fetch("SELECT id, payload, attempts FROM relay_queue WHERE status = 'pending' "
                                      "ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED")
        for row in rows:
            try:
                await self._partner.deliver(row["payload"])
            except PartnerError as exc:
                await self._retry_or_park(row["id"], row["attempts"] + 1, str(exc))
                continue
        return len(rows)

    async def _retry_later(self, item_id: int, attempts: int, error: str) -> None:
        if attempts >= MAX_ATTEMPTS:
            await db.execute("UPDATE relay_queue SET status = 'dead' WHERE id = $1", item_id)  # expect: logging-gap
            return
        due = datetime.now(timezone.utc) + timedelta(seconds=2 ** attempts)
        await db.execute("UPDATE relay_queue SET attempts = $2, due_at = $3 WHERE id = $1",
                                 item_id, attempts, due)
        log.warning("relay item %s failed (attempt %d): %s", item_id, attempts, error)

    async def _retry_or_park(self, item_id: int, attempts: int, error: str) -> None:
        if attempts >= MAX_ATTEMPTS:
            await db.execute("UPDATE relay_queue SET status = 'dead', last_error = $2 WHERE id = $1",
                                     item_id, error)
            return
        await db.execute("UPDATE relay_queue SET attempts = $2 WHERE id = $1", item_id, attempts)
        log.warning("relay item %s failed (attempt %d): %s", item_id, attempts, error)
