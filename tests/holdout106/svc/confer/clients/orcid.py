from __future__ import annotations

import logging

import aiohttp

from ..core.breaker import CircuitBreaker, CircuitOpen

log = logging.getLogger(__name__)


class OrcidClient:
    """Looks up author affiliations to strengthen conflict detection."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str = "https://pub.orcid.org/v3.0") -> None:
        self._session = session
        self._base = base_url
        self._breaker = CircuitBreaker("orcid", threshold=5, reset_after=60)

    async def _fetch(self, orcid_id: str) -> dict:
        async with self._session.get(
            f"{self._base}/{orcid_id}/employments", headers={"Accept": "application/json"}
        ) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def affiliations(self, orcid_id: str) -> list[str]:
        try:
            data = await self._breaker.call(lambda: self._fetch(orcid_id))
        except CircuitOpen:
            log.info("orcid breaker open, skipping lookup for %s", orcid_id)
            return []
        except aiohttp.ClientError as exc:
            log.warning("orcid lookup failed for %s: %s", orcid_id, exc)
            return []
        groups = data.get("affiliation-group", [])
        names = []
        for group in groups:
            for summary in group.get("summaries", []):
                org = summary.get("employment-summary", {}).get("organization", {})
                if org.get("name"):
                    names.append(org["name"])
        return names
