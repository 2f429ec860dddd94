from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import httpx

from ..settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MatchPolicy:
    employer_ref: str
    ratio: float
    per_donation_cap_cents: int
    annual_cap_cents: int
    eligible_categories: frozenset[str]


class EmployerMatchClient:
    """Reads corporate matching-gift policies from the MatchGift aggregator."""

    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.match_api_url, timeout=None)

    async def close(self) -> None:
        await self._client.aclose()

    async def get_policy(self, employer_ref: str) -> MatchPolicy:
        delay = 0.25
        for attempt in range(3):
            try:
                resp = await self._client.get(f"/employers/{employer_ref}/policy")
                resp.raise_for_status()
                break
            except httpx.TransportError:
                if attempt == 2:
                    raise
                logger.info("match policy lookup for %s failed, retrying", employer_ref)
                time.sleep(delay)
                delay *= 2
        data = resp.json()
        return MatchPolicy(
            employer_ref=employer_ref,
            ratio=float(data["ratio"]),
            per_donation_cap_cents=int(data["per_donation_cap"]),
            annual_cap_cents=int(data["annual_cap"]),
            eligible_categories=frozenset(data.get("categories", ())),
        )
