"""Advances seen deposits to confirmed, and credits them once they have enough confirmations."""
from __future__ import annotations

import asyncio
import logging

from svc.config import Settings
from svc.repositories.deposits import DepositRepository
from svc.services.deposit_service import DepositService
from svc.utils.observability import WORKER_ERRORS, WORKER_LAST_RUN

log = logging.getLogger(__name__)

CHECK_CONCURRENCY = 16


class ConfirmationWorker:
    name = "confirmations"

    def __init__(self, deposits: DepositRepository, service: DepositService, nodes: dict, settings: Settings) -> None:
        self.deposits = deposits
        self.service = service
        self.nodes = nodes
        self.settings = settings
        self._sem = asyncio.Semaphore(CHECK_CONCURRENCY)

    async def _confirmations(self, chain: str, txid: str) -> int:
        async with self._sem:
            return await self.nodes[chain].transaction_confirmations(txid)

    async def tick(self) -> None:
        pending = await self.deposits.pending()
        counts = await asyncio.gather(*(self._confirmations(d["chain"], d["txid"]) for d in pending))
        for deposit, confirmations in zip(pending, counts):
            required = self.settings.required_confirmations.get(deposit["chain"], 6)
            if confirmations < required:
                await self.deposits.set_confirmations(deposit["id"], confirmations, "seen")
                continue
            await self.deposits.set_confirmations(deposit["id"], confirmations, "confirmed")
            address = await self.deposits.address_of(deposit["address_id"])
            await self.service.credit(dict(deposit), address["customer_id"], deposit["chain"])

    async def run(self) -> None:
        while True:
            try:
                await self.tick()
                WORKER_LAST_RUN.labels(self.name).set_to_current_time()
            except Exception:
                WORKER_ERRORS.labels(self.name).inc()
                log.exception("confirmation tick failed")
            await asyncio.sleep(self.settings.confirmation_interval_s)
