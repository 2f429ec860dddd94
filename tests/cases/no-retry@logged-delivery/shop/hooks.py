"""Outbound calls made while an order is placed."""
import hashlib
import hmac
import json
import uuid
from typing import Any

import httpx


class MerchantHooks:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def order_placed(self, url: str, secret: str, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        resp = await self._http.post(url, content=body, headers={"X-Signature": signature})  # expect: no-retry
        resp.raise_for_status()


class Analytics:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def track(self, event: str, order_id: int) -> None:
        resp = await self._http.post("/events", json={"request_id": uuid.uuid4().hex, "event": event, "order": order_id})
        resp.raise_for_status()


class Loyalty:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def award(self, customer_id: int, points: int) -> str:
        resp = await self._http.post("/awards", json={"customer": customer_id, "points": points})
        resp.raise_for_status()
        return resp.json()["award_id"]


class Receipts:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, order_id: int, email: str) -> None:
        resp = await self._http.post("/receipts", json={"order": order_id, "to": email})
        resp.raise_for_status()
