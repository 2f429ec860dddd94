"""Outbound notifications to shippers and carrier dispatchers."""
from __future__ import annotations

import json
import logging

import httpx
import redis.asyncio as redis

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, redis_client: redis.Redis, http: httpx.AsyncClient, webhook_base: str) -> None:
        self._redis = redis_client
        self._http = http
        self._webhook_base = webhook_base

    async def tender_offered(self, carrier_id: int, tender_id: int, load_id: int, expires_at: str) -> None:
        payload = {"event": "tender.offered", "tender_id": tender_id, "load_id": load_id, "expires_at": expires_at}
        await self._redis.publish(f"tenders:{carrier_id}", json.dumps(payload))

    async def tender_expired(self, carrier_id: int, tender_id: int) -> None:
        await self._redis.publish(f"tenders:{carrier_id}", json.dumps({"event": "tender.expired", "tender_id": tender_id}))

    async def notify_shipper(self, shipper_id: int, event: str, data: dict) -> None:
        try:
            resp = await self._http.post(
                f"{self._webhook_base}/shippers/{shipper_id}/events",
                json={"event": event, "data": data},
            )
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning("shipper webhook %s for %s failed: %s", event, shipper_id, exc)
