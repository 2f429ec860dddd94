"""Background consumers fed by the webhook endpoints."""
import asyncio
import logging
from typing import Any

logger = logging.getLogger(__name__)


class DeliveryEventConsumer:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()  # expect: backpressure

    async def run(self) -> None:
        while True:
            event = await self.queue.get()
            logger.info("delivery event", extra={"id": event.get("id")})
            self.queue.task_done()


class RefundEventConsumer:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=500)

    async def run(self) -> None:
        while True:
            event = await self.queue.get()
            logger.info("refund event", extra={"id": event.get("id")})
            self.queue.task_done()


class AuditTrail:
    """Filled by nothing in this service yet: only drained."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[str] = asyncio.Queue()

    async def run(self) -> None:
        while True:
            line = await self.queue.get()
            logger.info(line)

    def backlog(self) -> int:
        return self.queue.qsize()
