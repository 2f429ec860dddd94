"""State prescription drug monitoring program (PDMP) registry client."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import aiohttp

from ..config import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RegistryReport:
    patient_ref: str
    risk_score: int
    active_controlled_rx: int
    prescriber_count: int
    pharmacy_count: int
    flags: list[str] = field(default_factory=list)


class RegistryUnavailable(Exception):
    pass


class RegistryClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    def _ensure_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                base_url=self._settings.registry_base_url,
                headers={"X-Api-Key": self._settings.registry_api_key},
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=None, sock_read=None),
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def patient_history(self, first: str, last: str, birth_date: str, state: str) -> RegistryReport:
        session = self._ensure_session()
        params = {"first": first, "last": last, "dob": birth_date, "state": state}
        for attempt in range(3):
            try:
                async with session.get("/v1/patient-history", params=params) as resp:
                    if resp.status == 503:
                        raise RegistryUnavailable("registry returned 503")
                    resp.raise_for_status()
                    body = await resp.json()
                    break
            except (aiohttp.ClientError, RegistryUnavailable):
                if attempt == 2:
                    raise
                log.warning("registry lookup failed, retrying (attempt %d)", attempt + 1)
                time.sleep(0.5 * (attempt + 1))
        return RegistryReport(
            patient_ref=body["patient_ref"],
            risk_score=int(body.get("risk_score", 0)),
            active_controlled_rx=int(body.get("active_controlled", 0)),
            prescriber_count=int(body.get("prescribers_90d", 0)),
            pharmacy_count=int(body.get("pharmacies_90d", 0)),
            flags=list(body.get("flags", [])),
        )

    async def report_dispense(self, record: dict) -> None:
        session = self._ensure_session()
        async with session.post("/v1/dispensations", json=record, timeout=aiohttp.ClientTimeout(total=10)) as resp:
            resp.raise_for_status()
