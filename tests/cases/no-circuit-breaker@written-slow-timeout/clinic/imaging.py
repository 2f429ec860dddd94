"""Imaging reads: an injected client, the service's address from settings, a long written limit."""
from __future__ import annotations

import httpx


class ImagingApi:
    def __init__(self, base: str, http: httpx.AsyncClient) -> None:
        self._base = base
        self._http = http

    async def read_scan(self, scan_id: str) -> dict:
        resp = await self._http.post(f"{self._base}/v1/reads", json={"scan": scan_id}, timeout=httpx.Timeout(40.0))  # expect: no-circuit-breaker
        resp.raise_for_status()
        return resp.json()



class PartnerFeed:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def push_copy(self, partner_url: str, scan_id: str) -> int:
        """Look-alike: the address is handed in per call (each partner its own), no one service to break."""
        resp = await self._http.post(f"{partner_url}/scans", json={"scan": scan_id}, timeout=httpx.Timeout(40.0))
        return resp.status_code
