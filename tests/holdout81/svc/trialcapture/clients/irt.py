from __future__ import annotations

import httpx


class IrtClient:
    """Interactive response technology vendor: records allocations and assigns drug kits."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"X-Api-Key": api_key}, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def register_allocation(self, study_code: str, subject_number: str, stratum: str, arm: str) -> str:
        resp = await self._http.post(
            "/allocations",
            json={"study": study_code, "subject": subject_number, "stratum": stratum, "arm": arm},
        )
        resp.raise_for_status()
        return resp.json()["reference"]
