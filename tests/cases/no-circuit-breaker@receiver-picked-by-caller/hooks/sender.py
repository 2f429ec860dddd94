"""Signs and posts webhook payloads to whatever address it is given."""
import hashlib
import hmac
import json
from dataclasses import dataclass

import aiohttp


@dataclass
class SendResult:
    ok: bool
    status: int


class WebhookSender:
    def __init__(self) -> None:
        self._session = aiohttp.ClientSession()

    async def send(self, url: str, secret: str, event: str, payload: dict) -> SendResult:
        body = json.dumps({"event": event, "data": payload}).encode()
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        async with self._session.post(url, data=body, headers={"X-Signature": signature}) as resp:
            return SendResult(resp.status < 300, resp.status)


class PartnerSender:
    """The same shape for partner callbacks, behind a breaker kept per partner address."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession()

    async def send(self, url: str, payload: dict) -> SendResult:
        async with self._session.post(url, json=payload) as resp:
            return SendResult(resp.status < 300, resp.status)


class ReceiptSender:
    """Retries on its own: the breaker belongs around its attempts, in the client."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession()

    async def send(self, callback_url: str, payload: dict) -> SendResult:
        for attempt in range(3):
            try:
                async with self._session.post(callback_url, json=payload) as resp:  # expect: no-circuit-breaker
                    return SendResult(resp.status < 300, resp.status)
            except aiohttp.ClientConnectionError:
                if attempt == 2:
                    raise
        return SendResult(False, 0)
