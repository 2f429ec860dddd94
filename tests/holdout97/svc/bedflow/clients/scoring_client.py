from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import httpx

from ..settings import Settings
from ..utils.retry import retry_async

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DischargeScore:
    patient_id: int
    probability_24h: float
    expected_discharge_hour: int | None
    model_version: str


class ScoringClient:
    """Client for the discharge-prediction scoring API run by the analytics team."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(base_url=settings.scoring_url, timeout=None)
        self._token_lock = threading.Lock()
        self._token: str | None = None
        self._token_expiry = 0.0

    async def _refresh_token(self) -> str:
        resp = await self._http.post("/oauth/token", data={"client_secret": self._settings.scoring_token})
        resp.raise_for_status()
        body = resp.json()
        self._token_expiry = time.monotonic() + body.get("expires_in", 300) - 30
        return body["access_token"]

    async def _auth_header(self) -> dict[str, str]:
        with self._token_lock:
            if self._token is None or time.monotonic() >= self._token_expiry:
                self._token = await self._refresh_token()
            return {"Authorization": f"Bearer {self._token}"}

    async def score(self, patient_id: int, features: dict) -> DischargeScore:
        headers = await self._auth_header()
        resp = await self._http.post("/v1/discharge-score", json={"patient_id": patient_id, "features": features}, headers=headers)
        resp.raise_for_status()
        body = resp.json()
        return DischargeScore(patient_id, body["p24"], body.get("hour"), body["model_version"])

    async def score_ward(self, ward_code: str) -> list[DischargeScore]:
        async def call() -> httpx.Response:
            headers = await self._auth_header()
            resp = await self._http.get(f"/v1/wards/{ward_code}/discharge-scores", headers=headers)
            resp.raise_for_status()
            return resp

        resp = await retry_async(call, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
        return [
            DischargeScore(item["patient_id"], item["p24"], item.get("hour"), item["model_version"])
            for item in resp.json()["scores"]
        ]

    async def aclose(self) -> None:
        await self._http.aclose()
