"""ERP and warehouse synchronisation: drains the outboxes, pulls the lot master."""
import logging

import httpx

from mes.breaker import CircuitBreaker
from mes.erp import ErpClient, ErpError, WmsClient

logger = logging.getLogger(__name__)


class ErpSync:
    def __init__(self, client: ErpClient) -> None:
        self.client = client
        self.master_breaker = CircuitBreaker(threshold=3, cooldown=60)

    async def push_pending(self, rows: list[dict]) -> list[int]:
        sent: list[int] = []
        for row in rows:
            try:
                await self.client.post_event(row["event_type"], row["lot_id"], row["payload"])  # expect: no-circuit-breaker
            except ErpError as exc:
                logger.warning("erp rejected outbox %s: %s", row["id"], exc)
                continue
            sent.append(row["id"])
        return sent

    async def pull_lot_master(self, since: str) -> list[dict]:
        if not self.master_breaker.allow():
            return []
        try:
            lots = await self.client.lot_master(since)
        except ErpError:
            self.master_breaker.record_failure()
            raise
        self.master_breaker.record_success()
        return lots


class WmsSync:
    def __init__(self, client: WmsClient) -> None:
        self.client = client
        self.breaker = CircuitBreaker(threshold=3, cooldown=60)

    async def push_moves(self, moves: list[dict]) -> int:
        done = 0
        for move in moves:
            if not self.breaker.allow():
                break
            try:
                await self.client.move(move["lot_id"], move["bin"])
            except httpx.HTTPError:
                self.breaker.record_failure()
                continue
            self.breaker.record_success()
            done += 1
        return done

    async def bin_count(self, bin_code: str) -> int:
        if not self.breaker.allow():
            return -1
        return await self.client.stock(bin_code)
