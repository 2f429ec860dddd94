"""Regulatory filing endpoint (daily transaction reports)."""
from __future__ import annotations

import httpx

from ..utils.resilience import retry_async


class RegulatorClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=httpx.Timeout(30.0)
        )

    async def submit_report(self, business_date: str, payload: bytes) -> str:
        async def _post() -> httpx.Response:
            resp = await self._http.post(
                f"/filings/{business_date}", content=payload, headers={"Content-Type": "text/csv"}
            )
            resp.raise_for_status()
            return resp

        resp = await retry_async(_post, attempts=4, base_delay=1.0)
        return resp.json()["filing_id"]

    async def aclose(self) -> None:
        await self._http.aclose()
