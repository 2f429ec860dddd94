"""FHIR R4 delivery (DiagnosticReport + Observation bundles)."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any

import httpx

from ..utils.circuit import CircuitBreaker

log = logging.getLogger(__name__)

RETRYABLE_STATUS = {429, 502, 503, 504}


class FhirError(Exception):
    pass


class FhirClient:
    def __init__(self, token_provider) -> None:
        self._client = httpx.AsyncClient(timeout=None, headers={"Accept": "application/fhir+json"})
        self._tokens = token_provider
        self._breakers: dict[str, CircuitBreaker] = {}

    async def aclose(self) -> None:
        await self._client.aclose()

    def _breaker(self, base_url: str) -> CircuitBreaker:
        breaker = self._breakers.get(base_url)
        if breaker is None:
            breaker = self._breakers[base_url] = CircuitBreaker(f"fhir:{base_url}", failure_threshold=3)
        return breaker

    async def post_bundle(self, base_url: str, bundle: dict[str, Any]) -> dict[str, Any]:
        return await self._breaker(base_url).call(lambda: self._post_with_retry(base_url, bundle))

    async def _post_with_retry(self, base_url: str, bundle: dict[str, Any], attempts: int = 4) -> dict[str, Any]:
        delay = 0.5
        for attempt in range(1, attempts + 1):
            token = await self._tokens.token_for(base_url)
            try:
                resp = await self._client.post(base_url, json=bundle, headers={"Authorization": f"Bearer {token}"})
                resp.raise_for_status()
                return resp.json()
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code not in RETRYABLE_STATUS or attempt == attempts:
                    raise FhirError(f"bundle rejected by {base_url}: {exc.response.status_code}")
            except httpx.TransportError as exc:
                if attempt == attempts:
                    raise FhirError(f"{base_url} unreachable") from exc
            await asyncio.sleep(delay + random.uniform(0, delay / 2))
            delay *= 2
        raise FhirError("unreachable")


def observation_resource(result: dict[str, Any], patient_ref: str) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final" if result["status"] == "final" else "preliminary",
        "code": {"coding": [{"system": "http://loinc.org", "code": result.get("loinc"), "display": result["analyte"]}]},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": result["resulted_at"].isoformat(),
    }
    if result.get("value_num") is not None:
        obs["valueQuantity"] = {"value": result["value_num"], "unit": result.get("units")}
    else:
        obs["valueString"] = result.get("value_text")
    if result.get("flag"):
        obs["interpretation"] = [{"coding": [{"code": result["flag"]}]}]
    return obs


class TokenProvider:
    def __init__(self, client: httpx.AsyncClient, credentials: dict[str, tuple[str, str, str]]) -> None:
        self._client = client
        self._credentials = credentials
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = asyncio.Lock()

    async def token_for(self, base_url: str) -> str:
        cached = self._tokens.get(base_url)
        if cached and cached[1] > time.monotonic() + 30:
            return cached[0]
        async with self._lock:
            again = self._tokens.get(base_url)
            if again and again[1] > time.monotonic() + 30:
                return again[0]
            token_url, client_id, secret = self._credentials[base_url]
            resp = await self._client.post(
                token_url,
                data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
            )
            resp.raise_for_status()
            body = resp.json()
            self._tokens[base_url] = (body["access_token"], time.monotonic() + int(body.get("expires_in", 300)))
            return body["access_token"]
