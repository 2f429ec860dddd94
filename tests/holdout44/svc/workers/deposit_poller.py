"""Polls each chain's node for new blocks and records deposits to watched addresses."""
from __future__ import annotations

import asyncio
import logging

from svc.services.deposit_service import DepositService
from svc.utils.observability import WORKER_ERRORS, WORKER_LAST_RUN

log = logging.getLogger(__name__)

_last_seen_block: dict[str, int] = {}


class DepositPoller:
    name = "deposit-poller"

    def __init__(self, chain: str, node, deposits: DepositService, interval_s: float) -> None:
        self.chain = chain
        self.node = node
        self.deposits = deposits
        self.interval_s = interval_s

    async def _fetch_block(self, height: int) -> dict:
        if self.chain == "btc":
            return await self.node.block(await self.node.block_hash(height))
        return await self.node.block(height)

    async def poll_once(self) -> int:
        head = await self.node.block_height()
        start = _last_seen_block.get(self.chain, head - 1) + 1
        found = 0
        for height in range(start, head + 1):
            block = await self._fetch_block(height)
            found += await self.deposits.scan_block(self.chain, height, block)
            _last_seen_block[self.chain] = height
        return found

    async def run(self) -> None:
        log.info("%s started for %s", self.name, self.chain)
        while True:
            try:
                found = await self.poll_once()
            except Exception:
                WORKER_ERRORS.labels(self.name).inc()
                log.exception("%s: poll failed for %s", self.name, self.chain)
                continue
            WORKER_LAST_RUN.labels(self.name).set_to_current_time()
            if found:
                log.info("%s: %d new deposits on %s", self.name, found, self.chain)
            await asyncio.sleep(self.interval_s)
