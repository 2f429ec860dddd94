"""Supplier API: reservations and availability."""
import logging

import aiohttp

log = logging.getLogger(__name__)


class SupplierApi:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def reserve(self, sku: str, qty: int) -> str | None:
        try:
            async with self._session.post("/reservations", json={"sku": sku, "qty": qty}) as resp:
                resp.raise_for_status()
                body = await resp.json()
        except aiohttp.ClientError:  # expect: swallowed-exception
            return None
        return body["reservation_id"]

    async def availability(self, sku: str) -> int | None:
        """Look-alike: the failure is logged before answering nothing."""
        try:
            async with self._session.get(f"/stock/{sku}") as resp:
                resp.raise_for_status()
                return (await resp.json())["available"]
        except aiohttp.ClientError as exc:
            log.warning("availability for %s failed: %s", sku, exc)
            return None


class PushApi:
    def __init__(self, session: aiohttp.ClientSession, devices) -> None:
        self._session = session
        self._devices = devices

    async def notify(self, user_id: int, payload: dict) -> bool:
        tokens = await self._devices.tokens_for(user_id)
        if not tokens:
            return False
        try:
            result = await self._session.post("/push", json={"tokens": tokens, **payload})
        except aiohttp.ClientError:  # expect: swallowed-exception
            return False
        for token in (await result.json())["invalid"]:
            await self._devices.disable(token)
        return True

    async def send(self, tokens: list[str], payload: dict) -> bool:
        """Look-alike: False only ever means the push failed, a success flag."""
        try:
            await self._session.post("/push", json={"tokens": tokens, **payload})
        except aiohttp.ClientError:
            return False
        return True
