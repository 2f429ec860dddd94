"""Queued deliveries to two partners over HTTP."""
import asyncio
import logging

import httpx

logger = logging.getLogger(__name__)


class WebhookSender:
    """One failed POST ends the loop; the registry logs it, nothing restarts it."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self.queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    async def run(self) -> None:
        while True:
            event = await self.queue.get()
            response = await self._client.post("/hooks", json=event)  # expect: no-recovery
            response.raise_for_status()
            self.queue.task_done()


class ReceiptSender:
    """A failed delivery is logged and the next item is taken."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self.queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    async def run(self) -> None:
        while True:
            receipt = await self.queue.get()
            try:
                response = await self._client.post("/receipts", json=receipt)
                response.raise_for_status()
            except httpx.HTTPError:
                logger.exception("receipt %s not delivered", receipt.get("id"))
            finally:
                self.queue.task_done()
