"""Client for the metrology data server (CSV exports by id)."""
from __future__ import annotations

import httpx

from fabline.utils.retry import with_retry


class MetrologyClient:
    def __init__(self, base_url: str) -> None:
        # httpx default timeout (5 s per operation) is fine for export downloads
        self._client = httpx.AsyncClient(base_url=base_url)

    async def fetch_export(self, export_id: str) -> str:
        async def _get() -> str:
            resp = await self._client.get(f"/exports/{export_id}.csv")
            resp.raise_for_status()
            return resp.text

        return await with_retry(_get, attempts=4, retry_on=(httpx.TransportError,))

    async def list_exports(self, since: str) -> list[str]:
        resp = await self._client.get("/exports", params={"since": since})
        resp.raise_for_status()
        return [item["id"] for item in resp.json()]

    async def aclose(self) -> None:
        await self._client.aclose()

    async def export_metadata(self, export_id: str) -> dict:
        resp = await self._client.get(f"/exports/{export_id}")
        resp.raise_for_status()
        meta = resp.json()
        return {
            "id": meta["id"],
            "tool": meta.get("tool"),
            "recipe": meta.get("recipe"),
            "rows": int(meta.get("rows", 0)),
        }
