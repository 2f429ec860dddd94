"""Delivers the webhook outbox. Runs in every API process; rows are claimed with SKIP LOCKED."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timedelta, timezone

import asyncpg
import httpx

from svc.db.database import Database
from svc.resilience import backoff_delay
from svc.services.webhooks import WebhookSender

logger = logging.getLogger(__name__)

CLAIM_SQL = """
UPDATE webhook_deliveries d
   SET status = 'in_flight', attempts = d.attempts + 1, next_attempt_at = now() + interval '5 minutes'
  FROM webhook_endpoints e JOIN merchants m ON m.id = e.merchant_id
 WHERE e.id = d.endpoint_id
   AND d.id IN (
        SELECT id FROM webhook_deliveries
         WHERE status IN ('pending', 'in_flight') AND next_attempt_at <= now()
         ORDER BY next_attempt_at
         LIMIT $1
           FOR UPDATE SKIP LOCKED)
RETURNING d.id, d.event_type, d.payload, d.attempts, e.url, m.webhook_secret
"""


class WebhookDispatcher:
    def __init__(self, db: Database, sender: WebhookSender, concurrency: int, max_attempts: int) -> None:
        self._db = db
        self._sender = sender
        self._semaphore = asyncio.Semaphore(concurrency)
        self._max_attempts = max_attempts

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                batch = await self._db.fetch(CLAIM_SQL, 200)
                if not batch:
                    await asyncio.sleep(1.0)
                    continue
                await asyncio.gather(*(self._deliver_bounded(row) for row in batch))
            except Exception:
                logger.exception("webhook dispatch cycle failed")
                await asyncio.sleep(5.0)

    async def _deliver_bounded(self, row: asyncpg.Record) -> None:
        async with self._semaphore:
            body = json.dumps({"type": row["event_type"], "data": json.loads(row["payload"])}).encode()
            try:
                status = await self._sender.deliver(row["url"], row["webhook_secret"], row["event_type"], body)
            except httpx.HTTPError as exc:
                await self._reschedule(row, f"{type(exc).__name__}: {exc}")
                return
            if 200 <= status < 300:
                await self._db.execute("UPDATE webhook_deliveries SET status = 'delivered', last_error = NULL WHERE id = $1", row["id"])
            else:
                await self._reschedule(row, f"HTTP {status}")

    async def _reschedule(self, row: asyncpg.Record, error: str) -> None:
        if row["attempts"] >= self._max_attempts:
            await self._db.execute("UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE id = $1", row["id"], error)
            return
        due = datetime.now(timezone.utc) + timedelta(seconds=backoff_delay(row["attempts"], base=5.0, cap=3600.0))
        await self._db.execute(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2, last_error = $3 WHERE id = $1",
            row["id"],
            due,
            error,
        )

    async def replay(self, delivery_ids: list[int]) -> int:
        """Operator action: put failed deliveries back in the queue, oldest first, in chunks."""
        pending = sorted(delivery_ids)
        replayed = 0
        while pending:
            chunk: list[int] = []
            while pending and len(chunk) < 500:
                chunk.append(pending.pop(0))
            status = await self._db.execute(
                "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = ANY($1::bigint[]) AND status = 'failed'",
                chunk,
            )
            replayed += int(status.split()[-1])
        return replayed
