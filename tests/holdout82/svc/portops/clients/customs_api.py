from __future__ import annotations

import logging

import httpx

from portops.errors import CustomsApiError
from portops.settings import Settings

log = logging.getLogger(__name__)


class CustomsClient:
    """National customs single-window gateway (declarations, holds and releases)."""

    def __init__(self, settings: Settings) -> None:
        # httpx applies its default 5 s timeout to every request on this client.
        self._http = httpx.AsyncClient(
            base_url=settings.customs_api_url,
            headers={"X-Api-Key": settings.customs_api_key},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def get_status(self, container_number: str) -> dict:
        response = await self._http.get(f"/containers/{container_number}/status")
        response.raise_for_status()
        return response.json()

    async def get_statuses(self, container_numbers: list[str]) -> dict[str, dict]:
        response = await self._http.post("/containers/status:batch", json={"numbers": container_numbers})
        response.raise_for_status()
        return {item["number"]: item for item in response.json()["items"]}

    async def submit_declaration(self, declaration: dict) -> str:
        try:
            response = await self._http.post("/declarations", json=declaration)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise CustomsApiError("declaration rejected by gateway", reference=declaration.get("ref")) from exc
        return response.json()["declarationId"]

    async def acknowledge_release(self, authority_ref: str) -> None:
        response = await self._http.post(f"/releases/{authority_ref}/ack")
        if response.status_code >= 400:
            raise CustomsApiError("release acknowledgement failed", authority_ref=authority_ref)
