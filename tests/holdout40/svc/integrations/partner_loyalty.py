"""Partner-airline miles exchange (aiohttp based, the partner requires mTLS)."""
from __future__ import annotations

import logging
import ssl
from typing import Any

import aiohttp

from ..errors import PartnerError
from ..utils.resilience import retry_async

log = logging.getLogger(__name__)

PARTNER_RETRYABLE = (aiohttp.ClientConnectionError, aiohttp.ServerTimeoutError)


class PartnerLoyaltyClient:
    def __init__(self, base_url: str, token: str, ssl_context: ssl.SSLContext | None = None) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._ssl = ssl_context
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {self._token}"},
            timeout=aiohttp.ClientTimeout(total=None),
            connector=aiohttp.TCPConnector(limit=20, ssl=self._ssl),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        assert self._session is not None, "client not started"
        async with self._session.post(f"{self._base_url}{path}", json=body) as resp:
            if resp.status >= 500:
                raise aiohttp.ClientConnectionError(f"partner {resp.status}")
            if resp.status >= 400:
                raise PartnerError("partner rejected request", status=resp.status)
            return await resp.json()

    async def credit_miles(self, member_no: str, miles: int, reference: str) -> str:
        body = {"member": member_no, "miles": miles, "ref": reference}
        data = await retry_async(lambda: self._post("/v2/credits", body), attempts=4, retry_on=PARTNER_RETRYABLE)
        return data["confirmation"]

    async def lookup_member(self, member_no: str) -> dict[str, Any] | None:
        try:
            return await self._post("/v2/members/lookup", {"member": member_no})
        except PartnerError:
            log.info("partner member %s not found", member_no)
            return None
