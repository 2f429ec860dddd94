"""Daily digests, one mail per organisation."""
import logging

import httpx

log = logging.getLogger(__name__)


class DigestJob:
    def __init__(self, http: httpx.AsyncClient, org_ids: list[int]) -> None:
        self._http = http
        self._org_ids = org_ids

    async def run_once(self) -> None:
        for org_id in self._org_ids:
            try:
                await self._http.post("/mail/digest", json={"org": org_id})
            except Exception:  # expect: logging-gap
                continue

    async def refresh(self) -> None:
        for org_id in self._org_ids:
            try:
                await self._http.post("/mail/refresh", json={"org": org_id})
            except Exception:
                log.exception("refresh failed for org %s", org_id)
                continue
