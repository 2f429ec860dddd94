"""Outbound messages, queued by requests and sent by dispatchers."""
import asyncio
import logging
from dataclasses import dataclass

import httpx

log = logging.getLogger(__name__)


@dataclass
class Message:
    to: str
    body: str
    attempts: int = 0


class SmsGateway:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://sms.example.com", timeout=8)

    async def send(self, to: str, body: str) -> None:
        response = await self._http.post("/v1/messages", json={"to": to, "body": body})  # expect: no-retry
        response.raise_for_status()


class PushGateway:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://push.example.com", timeout=8)

    async def push(self, device: str, body: str) -> None:
        response = await self._http.post("/v1/push", json={"device": device, "body": body})
        response.raise_for_status()


class SmsOutbox:
    def __init__(self, gateway: SmsGateway) -> None:
        self._gateway = gateway
        self._queue: asyncio.Queue[Message] = asyncio.Queue()

    def submit(self, to: str, body: str) -> None:
        self._queue.put_nowait(Message(to, body))

    async def run(self) -> None:
        while True:
            msg = await self._queue.get()
            try:
                await self._gateway.send(msg.to, msg.body)
            except Exception:
                log.exception("sms to %s failed", msg.to[-4:])
            finally:
                self._queue.task_done()


class PushOutbox:
    """Failed pushes go back on the queue a few times."""

    def __init__(self, gateway: PushGateway) -> None:
        self._gateway = gateway
        self._queue: asyncio.Queue[Message] = asyncio.Queue()

    def submit(self, device: str, body: str) -> None:
        self._queue.put_nowait(Message(device, body))

    async def run(self) -> None:
        while True:
            msg = await self._queue.get()
            try:
                await self._gateway.push(msg.to, msg.body)
            except httpx.HTTPError:
                if msg.attempts < 3:
                    msg.attempts += 1
                    self._queue.put_nowait(msg)
            finally:
                self._queue.task_done()
