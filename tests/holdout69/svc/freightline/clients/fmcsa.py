"""FMCSA QCMobile registry client for carrier authority and insurance."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import httpx
import requests

from freightline.config import Settings

logger = logging.getLogger(__name__)


class RegistryError(RuntimeError):
    pass


class CarrierNotFound(RegistryError):
    pass


@dataclass
class RegistryRecord:
    dot_number: str
    legal_name: str
    allowed_to_operate: bool
    authority_status: str
    safety_rating: str | None
    insurance_on_file: bool
    out_of_service_date: date | None


class FmcsaClient:
    def __init__(self, settings: Settings) -> None:
        self._key = settings.fmcsa_web_key
        self._snapshot_url = f"{settings.fmcsa_base_url}/snapshot"
        self._http = httpx.AsyncClient(base_url=settings.fmcsa_base_url)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def get_carrier(self, dot_number: str) -> RegistryRecord:
        resp = await self._http.get(f"/carriers/{dot_number}", params={"webKey": self._key})
        if resp.status_code == 404:
            raise CarrierNotFound(dot_number)
        if resp.status_code == 503:
            return await self._from_snapshot(dot_number)
        resp.raise_for_status()
        return self._parse(resp.json()["content"]["carrier"])

    async def _from_snapshot(self, dot_number: str) -> RegistryRecord:
        logger.info("registry unavailable, reading snapshot for %s", dot_number)
        resp = requests.get(self._snapshot_url, params={"dot": dot_number, "webKey": self._key}, timeout=10)
        resp.raise_for_status()
        return self._parse(resp.json()["carrier"])

    @staticmethod
    def _parse(raw: dict) -> RegistryRecord:
        return RegistryRecord(
            dot_number=str(raw["dotNumber"]),
            legal_name=raw["legalName"],
            allowed_to_operate=raw.get("allowedToOperate") == "Y",
            authority_status=raw.get("commonAuthorityStatus", "N"),
            safety_rating=raw.get("safetyRating"),
            insurance_on_file=int(raw.get("bipdInsuranceOnFile") or 0) > 0,
            out_of_service_date=_parse_date(raw.get("oosDate")),
        )


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    return date.fromisoformat(value[:10])
