"""Client for the e-filing service provider (EFSP) that transmits envelopes to the courts."""
from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from typing import Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from lexdesk.settings import Settings

log = logging.getLogger(__name__)

_access_token: str | None = None
_token_expires_at: float = 0.0


class ProviderError(Exception):
    pass


class ProviderUnavailable(ProviderError):
    pass


class ProviderRejected(ProviderError):
    def __init__(self, reason: str, code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def build_filing_http(settings: Settings) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=settings.filing_provider_url,
        timeout=None,
        limits=httpx.Limits(max_connections=40, max_keepalive_connections=10),
        headers={"User-Agent": "lexdesk-efile/3"},
    )


class FilingProviderClient:
    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._settings = settings
        self._http = http

    async def _token(self) -> str:
        global _access_token, _token_expires_at
        if _access_token and time.monotonic() < _token_expires_at - 30:
            return _access_token
        creds = {"client_id": self._settings.filing_client_id, "client_secret": self._settings.filing_client_secret}
        resp = await self._http.post("/oauth/token", data={"grant_type": "client_credentials", **creds})
        resp.raise_for_status()
        body = resp.json()
        _access_token = body["access_token"]
        _token_expires_at = time.monotonic() + float(body.get("expires_in", 3600))
        return _access_token

    async def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self._token()}"}

    @staticmethod
    def _raise_for(resp: httpx.Response) -> None:
        if resp.status_code in (502, 503, 504):
            raise ProviderUnavailable(f"provider returned {resp.status_code}")
        if resp.status_code == 422:
            body = resp.json()
            raise ProviderRejected(body.get("message", "rejected"), body.get("code"))
        resp.raise_for_status()

    async def submit_envelope(self, envelope: dict[str, Any], pdf: bytes, *, idempotency_key: str) -> dict[str, Any]:
        # The provider de-duplicates on Idempotency-Key, so resubmitting after a dropped
        # connection cannot create a second envelope.
        delay = 1.0
        for attempt in range(1, 5):
            try:
                response = await self._http.post(
                    "/envelopes",
                    headers={**await self._headers(), "Idempotency-Key": idempotency_key},
                    data={"envelope": json.dumps(envelope)},
                    files={"lead_document": ("lead.pdf", pdf, "application/pdf")},
                    params={"court": envelope["court_code"]},
                )
                self._raise_for(response)
                return response.json()
            except (httpx.TransportError, ProviderUnavailable) as exc:
                if attempt == 4:
                    raise ProviderUnavailable(str(exc)) from exc
                log.warning("envelope submit attempt %d failed: %s", attempt, exc)
                await asyncio.sleep(delay + random.random())
                delay *= 2
        raise AssertionError("unreachable")

    @retry(
        retry=retry_if_exception_type((httpx.TransportError, ProviderUnavailable)),
        stop=stop_after_attempt(4),
        wait=wait_exponential_jitter(initial=0.5, max=8),
        reraise=True,
    )
    async def envelope_status(self, provider_ref: str) -> dict[str, Any]:
        resp = await self._http.get(f"/envelopes/{provider_ref}", headers=await self._headers())
        self._raise_for(resp)
        return resp.json()

    async def envelope_statuses(self, provider_refs: list[str]) -> dict[str, dict[str, Any]]:
        resp = await self._http.post("/envelopes/status:batch", json={"ids": provider_refs}, headers=await self._headers())
        self._raise_for(resp)
        return {item["id"]: item for item in resp.json()["envelopes"]}

    async def docket_status(self, court_code: str, case_number: str) -> dict[str, Any]:
        resp = await self._http.get(f"/courts/{court_code}/cases/{case_number}/docket", headers=await self._headers())
        self._raise_for(resp)
        return resp.json()

    async def fee_schedule(self, court_code: str) -> dict[str, Any]:
        resp = await self._http.get(f"/courts/{court_code}/fees", headers=await self._headers())
        self._raise_for(resp)
        return resp.json()
