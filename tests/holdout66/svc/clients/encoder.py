"""Client for the external audio encoder service."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from svc.config import settings
from svc.errors import EncoderError
from svc.logging_setup import trace_headers

log = logging.getLogger(__name__)


@dataclass(slots=True)
class EncodeStatus:
    external_id: str
    state: str
    outputs: dict[str, dict]
    error: str | None = None


class EncoderClient:
    def __init__(self, base_url: str | None = None, api_key: str | None = None) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url or settings.encoder_base_url,
            headers={"Authorization": f"Bearer {api_key or settings.encoder_api_key}"},
            timeout=None,
        )

    async def submit(self, source_url: str, episode_id: int, profiles: list[str]) -> str:
        payload = {"source": source_url, "reference": f"episode-{episode_id}", "profiles": profiles}
        try:
            resp = await self._client.post("/v2/jobs", json=payload, headers=trace_headers())
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise EncoderError(f"submit failed for episode {episode_id}: {exc}")
        return resp.json()["id"]

    async def status(self, external_id: str) -> EncodeStatus:
        try:
            resp = await self._client.get(f"/v2/jobs/{external_id}")
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise EncoderError(f"status {exc.response.status_code} for job {external_id}") from exc
        body = resp.json()
        return EncodeStatus(
            external_id=external_id,
            state=body["state"],
            outputs=body.get("outputs", {}),
            error=body.get("error"),
        )

    async def cancel(self, external_id: str) -> None:
        resp = await self._client.delete(f"/v2/jobs/{external_id}")
        if resp.status_code not in (200, 202, 404):
            log.warning("encoder cancel returned %s for %s", resp.status_code, external_id)

    async def aclose(self) -> None:
        await self._client.aclose()
