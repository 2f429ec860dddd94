"""Customer webhooks: one module-level sender, one client class that raises on error answers."""
from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)


async def notify_customer(client: httpx.AsyncClient, url: str, event: dict) -> int:
    answer = await client.put(url, json=event)  # expect: no-retry
    if answer.is_error:
        log.error("webhook %s failed with %s", url, answer.status_code)
    return answer.status_code


class Billing:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def record_usage(self, account: str, units: int) -> None:
        resp = await self._client.post("/usage", json={"account": account, "units": units})
        if resp.status_code >= 400:
            log.error("usage record failed: %s", resp.status_code)
            raise RuntimeError(f"billing answered {resp.status_code}")


class SendResult:
    def __init__(self, ok: bool, error: str = "") -> None:
        self.ok, self.error = ok, error


class Ledger:
    """Error answers are reported back to the caller (a result object) or checked by a helper."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def transfer(self, account: str, cents: int) -> SendResult:
        resp = await self._client.post("/transfers", json={"account": account, "cents": cents})
        if resp.is_error:
            log.warning("transfer rejected: %s", resp.status_code)
            return SendResult(ok=False, error=resp.text)
        return SendResult(ok=True)

    async def tag(self, account: str, tag: str) -> None:
        resp = await self._client.put(f"/accounts/{account}/tags/{tag}")
        self._check(resp)
        if resp.status_code == 201:
            log.info("tag %s added to %s", tag, account)

    @staticmethod
    def _check(resp: httpx.Response) -> None:
        if resp.status_code >= 400:
            raise RuntimeError(f"ledger answered {resp.status_code}")
