"""External sanctions / PEP screening API."""
from __future__ import annotations

from dataclasses import dataclass, field

import httpx


@dataclass
class ScreeningMatch:
    list_name: str
    matched_name: str
    score: float


@dataclass
class ScreeningResult:
    reference: str
    matches: list[ScreeningMatch] = field(default_factory=list)

    @property
    def top_score(self) -> float:
        return max((m.score for m in self.matches), default=0.0)


class ScreeningApiClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"ApiKey {api_key}"},
            timeout=None,
        )

    async def screen_party(self, name: str, country: str, birth_year: int | None = None) -> ScreeningResult:
        payload = {"name": name, "country": country, "lists": ["OFAC", "UN", "EU", "PEP"]}
        if birth_year:
            payload["birth_year"] = birth_year
        resp = await self._http.post("/v3/screen", json=payload)
        resp.raise_for_status()
        body = resp.json()
        return ScreeningResult(
            reference=body["id"],
            matches=[ScreeningMatch(m["list"], m["name"], float(m["score"])) for m in body.get("matches", [])],
        )

    async def aclose(self) -> None:
        await self._http.aclose()
