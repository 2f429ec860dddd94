from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import aiohttp

from ..utils.resilience import with_retry
from . import LockVendorError, LockVendorTransient

logger = logging.getLogger(__name__)


class LockVendorClient:
    """Latchworks cloud API for smart locks: grants, remote unlocks and access checks."""

    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._client_id = client_id
        self._client_secret = client_secret
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = asyncio.Lock()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            connector=aiohttp.TCPConnector(limit=50, ttl_dns_cache=300),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _bearer(self) -> str:
        if self._token and time.monotonic() < self._token_expires - 30:
            return self._token
        async with self._token_lock:
            # another request may have refreshed while we waited for the lock
            if self._token is not None and time.monotonic() < self._token_expires - 30:
                return self._token
            assert self._session is not None
            form = {"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._client_secret}
            async with self._session.post(f"{self._base_url}/oauth/token", data=form) as resp:
                if resp.status != 200:
                    raise LockVendorError(f"token endpoint returned {resp.status}")
                body = await resp.json()
            self._token = body["access_token"]
            self._token_expires = time.monotonic() + float(body.get("expires_in", 3600))
            return self._token

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        assert self._session is not None, "LockVendorClient.start() not called"
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        headers.update(kwargs.pop("headers", {}))
        try:
            async with self._session.request(method, f"{self._base_url}{path}", headers=headers, **kwargs) as resp:
                if resp.status >= 500 or resp.status == 429:
                    raise LockVendorTransient(f"{method} {path}: {resp.status}")
                if resp.status >= 400:
                    raise LockVendorError(f"{method} {path}: {resp.status} {await resp.text()}")
                if resp.status == 204:
                    return {}
                return await resp.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise LockVendorTransient(f"{method} {path}: {exc!r}") from exc

    async def create_grant(self, *, badge_id: str, vendor_door_id: str, valid_from: datetime,
                           valid_until: datetime | None, reference: str) -> str:
        body = {"credential": {"type": "badge", "id": badge_id}, "door": vendor_door_id,
                "starts_at": valid_from.isoformat(), "ends_at": valid_until.isoformat() if valid_until else None}
        result = await with_retry(
            lambda: self._request("POST", "/grants", json=body, headers={"Idempotency-Key": reference}),
            attempts=4,
            retry_on=(LockVendorTransient,),
            label="latchworks create grant",
        )
        return result["id"]

    async def revoke_grant(self, vendor_grant_id: str) -> None:
        await self._request("DELETE", f"/grants/{vendor_grant_id}")

    async def unlock_door(self, vendor_door_id: str, duration_s: int = 5) -> None:
        await self._request("POST", f"/doors/{vendor_door_id}/unlock", json={"duration": duration_s})

    async def check_access(self, badge_id: str, vendor_door_id: str) -> bool:
        body = await self._request("GET", f"/doors/{vendor_door_id}/access", params={"badge": badge_id})
        return bool(body.get("allowed"))

    async def grants_for_badge(self, badge_id: str) -> list[dict[str, Any]]:
        body = await self._request("GET", "/grants", params={"badge": badge_id})
        return body.get("items", [])

    async def site_grants(self, site_id: str, page_size: int = 500) -> AsyncIterator[dict[str, Any]]:
        cursor: str | None = None
        while True:
            params = {"site": site_id, "limit": page_size}
            if cursor:
                params["cursor"] = cursor
            page = await self._request("GET", "/grants", params=params)
            for item in page.get("items", []):
                yield item
            cursor = page.get("next_cursor")
            if not cursor:
                return
