"""Text messages to visitors, sent by a loop the supervisor keeps running."""
import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import aiohttp

log = logging.getLogger(__name__)


@dataclass
class SendResult:
    number: str
    ok: bool


@dataclass
class Registration:
    number: str
    sender_id: str


class SmsClient:
    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    async def send(self, number: str, text: str) -> SendResult:
        async with self._session.post(f"{self._base}/messages", json={"to": number, "text": text}) as resp:  # expect: no-retry
            if resp.status == 400:
                return SendResult(number, ok=False)
            resp.raise_for_status()
            return SendResult(number, ok=True)


class SenderRegistry:
    """Look-alike: hands back what the provider answered, so the caller's log is not the only trace."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    async def register(self, number: str) -> Registration:
        async with self._session.post(f"{self._base}/senders", json={"number": number}) as resp:
            resp.raise_for_status()
            body = await resp.json()
            return Registration(number, body["sender_id"])


class Notifier:
    def __init__(self, sms: SmsClient, registry: SenderRegistry, queue: "asyncio.Queue[tuple[str, str]]") -> None:
        self._sms = sms
        self._registry = registry
        self._queue = queue

    async def run(self) -> None:
        while True:
            number, text = await self._queue.get()
            await self._send_one(number, text)
            await self._register(number)

    async def _send_one(self, number: str, text: str) -> SendResult | None:
        try:
            return await self._sms.send(number, text)
        except aiohttp.ClientError as exc:
            log.warning("text to %s failed: %s", number[-4:], exc)
            return None

    async def _register(self, number: str) -> Registration | None:
        try:
            return await self._registry.register(number)
        except aiohttp.ClientError as exc:
            log.warning("sender registration for %s failed: %s", number[-4:], exc)
            return None


def supervise(name: str, fn: Callable[[], Awaitable[Any]]) -> "asyncio.Task[None]":
    async def keep_running() -> None:
        while True:
            try:
                await fn()
            except Exception:
                log.exception("%s crashed; restarting", name)
            await asyncio.sleep(1)
    return asyncio.create_task(keep_running(), name=name)
