"""Outbox worker: claims rows and delivers each, retrying server errors."""
import asyncio
import logging

import asyncpg

from relay.delivery import DeliveryFailed, PushSender, WebhookSender

log = logging.getLogger(__name__)


class OutboxWorker:
    def __init__(self, pool: asyncpg.Pool, webhooks: WebhookSender, pushes: PushSender) -> None:
        self._pool = pool
        self._webhooks = webhooks
        self._pushes = pushes

    async def _send(self, row: dict) -> bool:
        for attempt in range(3):
            try:
                if row["kind"] == "push":
                    await self._pushes.push(row["target"], row["payload"])
                else:
                    await self._webhooks.deliver(row["target"], row["payload"])
                return True
            except DeliveryFailed as exc:
                if exc.status < 500:
                    return False
                await asyncio.sleep(2 ** attempt)
        return False

    async def run(self) -> None:
        while True:
            try:
                rows = await self._pool.fetch("SELECT id, kind, target, payload FROM outbox LIMIT 50")
                for row in rows:
                    if await self._send(dict(row)):
                        await self._pool.execute("DELETE FROM outbox WHERE id = $1", row["id"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox round failed")
            await asyncio.sleep(1.0)
