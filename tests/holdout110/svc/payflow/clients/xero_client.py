from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import httpx

from payflow.clients.resilience import retrying
from payflow.errors import AccountingSyncError
from payflow.settings import get_settings


class XeroClient:
    def __init__(self, http: httpx.AsyncClient | None = None) -> None:
        settings = get_settings()
        self._settings = settings
        self._http = http or httpx.AsyncClient(
            base_url=settings.xero_base_url, timeout=httpx.Timeout(15.0, connect=5.0)
        )
        self._token: str | None = None
        self._token_expiry = datetime.min.replace(tzinfo=timezone.utc)
        self._token_lock = asyncio.Lock()

    async def close(self) -> None:
        await self._http.aclose()

    async def _access_token(self) -> str:
        async with self._token_lock:
            if self._token and datetime.now(timezone.utc) < self._token_expiry - timedelta(seconds=60):
                return self._token
            resp = await asyncio.wait_for(
                self._http.post(
                    self._settings.xero_token_url,
                    data={"grant_type": "client_credentials"},
                    auth=(self._settings.xero_client_id, self._settings.xero_client_secret),
                ),
                timeout=10,
            )
            resp.raise_for_status()
            body = resp.json()
            self._token = body["access_token"]
            self._token_expiry = datetime.now(timezone.utc) + timedelta(seconds=body["expires_in"])
            return self._token

    async def post_manual_journal(self, tenant_id: str, journal: dict) -> str:
        token = await self._access_token()
        try:
            async for attempt in retrying(attempts=3):
                with attempt:
                    resp = await self._http.put(
                        "/ManualJournals",
                        json={"ManualJournals": [journal]},
                        headers={"Authorization": f"Bearer {token}", "xero-tenant-id": tenant_id},
                    )
                    resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise AccountingSyncError("xero manual journal failed") from exc
        return resp.json()["ManualJournals"][0]["ManualJournalID"]
