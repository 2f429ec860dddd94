"""Insurance payer adjudication API (NCPDP-over-HTTPS gateway)."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any

import httpx

from dispensary.errors import PayerRejected, PayerUnavailable
from dispensary.settings import Settings
from dispensary.utils.resilience import retry_async

logger = logging.getLogger(__name__)


def _raise_for_payer_status(response: httpx.Response) -> dict[str, Any]:
    try:
        response.raise_for_status()
    except httpx.HTTPStatusError:
        body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
        raise PayerRejected(body.get("message", response.text), body.get("reject_code"))
    return response.json()


class PayerClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payer_base_url,
            headers={"Authorization": f"Bearer {settings.payer_api_key}"},
            timeout=httpx.Timeout(settings.payer_timeout_seconds, connect=5.0),
        )

    async def adjudicate(self, payload: dict[str, Any]) -> dict[str, Any]:
        async def _submit() -> dict[str, Any]:
            response = await self._http.post("/ncpdp/claims", json=payload)
            return _raise_for_payer_status(response)

        try:
            return await retry_async(
                _submit, attempts=3, retry_on=(httpx.TransportError,), label="payer adjudicate"
            )
        except httpx.TransportError as exc:
            raise PayerUnavailable("payer gateway unreachable") from exc

    async def reverse(self, claim_ref: str) -> dict[str, Any]:
        response = await self._http.post(f"/ncpdp/claims/{claim_ref}/reversal", json={"reason": "RTS"})
        return _raise_for_payer_status(response)

    async def claim_status(self, claim_ref: str) -> dict[str, Any]:
        response = await self._http.get(f"/ncpdp/claims/{claim_ref}")
        return _raise_for_payer_status(response)

    async def claim_status_batch(self, claim_refs: list[str]) -> dict[str, dict[str, Any]]:
        response = await self._http.post("/ncpdp/claims/status", json={"refs": claim_refs})
        body = _raise_for_payer_status(response)
        return {item["ref"]: item for item in body["items"]}

    async def remittance(self, since: date) -> list[dict[str, Any]]:
        async def _fetch() -> list[dict[str, Any]]:
            response = await self._http.get("/ncpdp/remittance", params={"since": since.isoformat()})
            return _raise_for_payer_status(response)["lines"]

        return await retry_async(_fetch, attempts=3, retry_on=(httpx.TransportError,), label="payer remittance")

    async def aclose(self) -> None:
        await self._http.aclose()
