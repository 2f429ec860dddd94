"""Deposit holds at the card processor: one request helper, a retry policy on the public methods."""
from typing import Any

import httpx

from rental.retrying import transient, with_retries


class DepositClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=8.0)

    async def _send(self, path: str, body: dict[str, Any], key: str) -> dict:
        resp = await self._http.post(path, json=body, headers={"Idempotency-Key": key})
        resp.raise_for_status()
        return resp.json()

    async def hold(self, card_token: str, cents: int, key: str) -> dict:
        return await self._send("/holds", {"card": card_token, "amount": cents}, key)  # expect: no-retry

    @transient
    async def release(self, hold_id: str, key: str) -> dict:
        return await self._send(f"/holds/{hold_id}/release", {}, key)

    @transient
    async def settle(self, hold_id: str, cents: int, key: str) -> dict:
        return await self._send(f"/holds/{hold_id}/settle", {"amount": cents}, key)

    async def void(self, hold_id: str) -> dict:
        # no idempotency key: left out of the retry on purpose
        resp = await self._http.post(f"/holds/{hold_id}/void")
        resp.raise_for_status()
        return resp.json()


class FleetClient:
    """Retried through the hand-written helper, handed the client method itself: silent."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def vehicle(self, vehicle_id: str) -> dict:
        resp = await with_retries(self._http.get, f"/vehicles/{vehicle_id}")
        resp.raise_for_status()
        return resp.json()

    async def position(self, vehicle_id: str) -> dict:
        resp = await with_retries(self._http.get, f"/vehicles/{vehicle_id}/position")
        resp.raise_for_status()
        return resp.json()
