from __future__ import annotations

import httpx


class RoamingHubClient:
    """Data clearing house that forwards settlement files to roaming partners."""

    def __init__(self, base_url: str, token: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=httpx.Timeout(30.0)
        )

    async def upload_settlement(self, partner_plmn: str, period: str, filename: str, content: bytes) -> str:
        response = await self._http.post(
            f"/v1/partners/{partner_plmn}/settlements",
            params={"period": period},
            files={"file": (filename, content, "text/csv")},
        )
        response.raise_for_status()
        return response.json()["receipt"]

    async def close(self) -> None:
        await self._http.aclose()
