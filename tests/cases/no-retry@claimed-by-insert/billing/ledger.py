from __future__ import annotations

import aiohttp


class LedgerClient:
    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20))

    async def upload(self, account: str, period: str, body: bytes) -> str:
        async with self._session.put(f"{self._base}/v1/accounts/{account}/statements/{period}", data=body) as resp:  # expect: no-retry
            resp.raise_for_status()
            return str((await resp.json())["receipt"])

    async def upload_summary(self, account: str, period: str, body: bytes) -> str:
        async with self._session.put(f"{self._base}/v1/accounts/{account}/summaries/{period}", data=body) as resp:
            resp.raise_for_status()
            return str((await resp.json())["receipt"])
