from __future__ import annotations

import base64
import logging

import httpx

from readroom.clients.resilience import CircuitBreaker
from readroom.errors import DistributionError
from readroom.settings import get_settings

log = logging.getLogger(__name__)

_breaker = CircuitBreaker("fax", failure_threshold=4, reset_after=60.0)


class FaxClient:
    def __init__(self) -> None:
        s = get_settings()
        self._base_url = s.fax_base_url
        self._api_key = s.fax_api_key

    async def send_pdf(self, fax_number: str, pdf: bytes, *, reference: str) -> str:
        async def _send() -> str:
            async with httpx.AsyncClient(base_url=self._base_url, timeout=20.0) as client:
                resp = await client.post(
                    "/faxes",
                    headers={"X-Api-Key": self._api_key},
                    json={
                        "to": fax_number,
                        "reference": reference,
                        "document": base64.b64encode(pdf).decode(),
                        "content_type": "application/pdf",
                    },
                )
            if resp.status_code >= 400:
                raise DistributionError(f"fax vendor returned {resp.status_code}", detail={"body": resp.text[:300]})
            return resp.json()["fax_id"]

        return await _breaker.call(_send)

