"""Sponsor data gateway: export deliveries and enrolment targets."""
from __future__ import annotations

import logging

import httpx

from svc.config import Settings

log = logging.getLogger(__name__)


class SponsorGateway:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.sponsor_gateway_url,
            headers={"Authorization": f"ApiKey {settings.sponsor_api_key}"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def deliver(self, sponsor_code: str, file_name: str, content: bytes, sha256: str) -> str:
        resp = await self._http.post(
            f"/sponsors/{sponsor_code}/deliveries",
            content=content,
            headers={"Content-Type": "application/octet-stream", "X-File-Name": file_name, "X-Content-SHA256": sha256},
        )
        resp.raise_for_status()
        return resp.json()["delivery_id"]

    async def enrolment_targets(self, study_code: str) -> dict[str, int]:
        resp = await self._http.get(f"/studies/{study_code}/targets")
        resp.raise_for_status()
        return {t["site"]: int(t["target"]) for t in resp.json()["targets"]}
