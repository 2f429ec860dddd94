"""Escalations paged at most once per cooldown, and a billing token refreshed once."""
import asyncio
import time

from app.clients.pager import Billing, Pager


class Escalator:
    def __init__(self, pager: Pager, cooldown: float) -> None:
        self._pager = pager
        self._cooldown = cooldown
        self._sent: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def escalate(self, alert_id: int, contact: str) -> bool:
        async with self._lock:  # expect: deadlock
            last = self._sent.get(alert_id)
            if last is not None and time.monotonic() - last < self._cooldown:
                return False
            await self._pager.page(contact, f"alert {alert_id}")
            self._sent[alert_id] = time.monotonic()
        return True

    async def escalate_bounded(self, alert_id: int, contact: str) -> bool:
        async with self._lock:
            if alert_id in self._sent:
                return False
            self._sent[alert_id] = time.monotonic()
        await self._pager.page(contact, f"alert {alert_id}")
        return True


class TokenSource:
    def __init__(self, billing: Billing) -> None:
        self._billing = billing
        self._token = ""
        self._token_lock = asyncio.Lock()

    async def token(self) -> str:
        async with self._token_lock:
            if not self._token:
                self._token = await self._billing.fetch_token()
            return self._token
