"""HTTP client for the corporate ERP (lot moves, scrap, lot master)."""
from __future__ import annotations

import logging

import httpx

from fabline.core.errors import ErpError

logger = logging.getLogger(__name__)


class ErpClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=None,
        )

    async def post_event(self, event_type: str, lot_id: int, payload: dict) -> None:
        try:
            resp = await self._client.post(
                f"/mes/events/{event_type.lower()}", json={"lot_id": lot_id, **payload}
            )
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise ErpError(f"erp returned {exc.response.status_code}") from exc
        except httpx.TransportError as exc:
            raise ErpError(f"erp unreachable: {exc}") from exc

    async def lot_master(self, since: str) -> list[dict]:
        try:
            resp = await self._client.get("/mes/lots", params={"changed_since": since})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            logger.exception("lot master pull failed")
            raise ErpError("lot master pull failed") from exc
        return resp.json()["items"]

    async def aclose(self) -> None:
        await self._client.aclose()
