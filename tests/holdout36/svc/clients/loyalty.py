from __future__ import annotations

import logging

import httpx

from svc.config import settings

logger = logging.getLogger(__name__)


class LoyaltyClient:
    async def member_tier(self, loyalty_id: str) -> str:
        async with httpx.AsyncClient(base_url=settings.loyalty_url, timeout=4.0) as client:
            resp = await client.get(f"/members/{loyalty_id}")
            resp.raise_for_status()
            return resp.json().get("tier", "basic")

    async def accrue(self, loyalty_id: str, points: int, reference: str) -> None:
        async with httpx.AsyncClient(base_url=settings.loyalty_url, timeout=5.0) as client:
            resp = await client.post(f"/members/{loyalty_id}/accruals", json={"points": points, "ref": reference})
            resp.raise_for_status()
