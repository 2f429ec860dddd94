"""ERP synchronisation: drains the outbox, pulls the lot master."""
from __future__ import annotations

import json
import logging

from fabline.clients.erp_client import ErpClient
from fabline.core.errors import ErpError
from fabline.repositories.erp_outbox_repo import ErpOutboxRepository
from fabline.utils.retry import CircuitBreaker

logger = logging.getLogger(__name__)


class ErpService:
    def __init__(self, client: ErpClient, outbox: ErpOutboxRepository) -> None:
        self.client = client
        self.outbox = outbox
        self.master_breaker = CircuitBreaker(threshold=3, cooldown=60)

    async def push_pending(self, batch: int = 100) -> list[int]:
        """Send pending outbox rows; returns the ids that ERP accepted."""
        rows = await self.outbox.pending(batch)
        sent: list[int] = []
        for row in rows:
            payload = json.loads(row["payload"])
            try:
                await self.client.post_event(row["event_type"], row["lot_id"], payload)
            except ErpError as exc:
                logger.warning("erp rejected outbox %s: %s", row["id"], exc)
                await self.outbox.mark_failed(row["id"], str(exc))
                continue
            sent.append(row["id"])
        return sent

    async def pull_lot_master(self, since: str) -> list[dict]:
        if not self.master_breaker.allow():
            logger.info("erp lot-master breaker open; skipping pull")
            return []
        try:
            lots = await self.client.lot_master(since)
        except ErpError:
            self.master_breaker.record_failure()
            raise
        self.master_breaker.record_success()
        return lots
