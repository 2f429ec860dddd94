"""Webhook and chat deliveries, taken from in-process queues."""
import asyncio
import logging

import httpx

log = logging.getLogger(__name__)


class WebhookSender:
    def __init__(self, timeout: float) -> None:
        self._timeout = timeout

    async def deliver(self, url: str, event: dict) -> None:
        async with httpx.AsyncClient(timeout=self._timeout) as client:  # expect: connection-management
            response = await client.post(url, json=event)
        response.raise_for_status()


class Dispatcher:
    def __init__(self, sender: WebhookSender) -> None:
        self._sender = sender
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    def enqueue(self, event: dict) -> None:
        self._queue.put_nowait(event)

    async def run(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._sender.deliver(event["url"], event)
            except Exception:
                log.exception("webhook %s failed", event.get("id"))


class ChatRelay:
    """One client for the life of the relay, created when it starts."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[str] = asyncio.Queue(maxsize=1000)

    def enqueue(self, text: str) -> None:
        self._queue.put_nowait(text)

    async def run(self) -> None:
        async with httpx.AsyncClient(base_url="https://chat.example.com", timeout=5) as client:
            while True:
                text = await self._queue.get()
                try:
                    await client.post("/v1/messages", json={"text": text})
                except httpx.HTTPError:
                    log.exception("chat message failed")
