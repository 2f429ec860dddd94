"""Client for the internal certificate authority that signs device certificates."""
from __future__ import annotations

import asyncio
import logging

import httpx

from ..utils.errors import CAError

logger = logging.getLogger(__name__)


class CAClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def sign_csr(self, device_id: str, csr_pem: str, validity_days: int) -> dict:
        body = {"subject": f"CN={device_id}", "csr": csr_pem, "validity_days": validity_days}
        resp = await self._http.post("/v1/certificates", json=body)
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise CAError(f"CA rejected CSR for {device_id}: {exc.response.status_code}") from exc
        return resp.json()

    async def get_status(self, serial: str) -> str:
        resp = await self._http.get(f"/v1/certificates/{serial}/status")
        resp.raise_for_status()
        return resp.json()["status"]

    async def get_statuses(self, serials: list[str]) -> dict[str, str]:
        resp = await self._http.post("/v1/certificates/status:batch", json={"serials": serials})
        resp.raise_for_status()
        return {item["serial"]: item["status"] for item in resp.json()["items"]}

    async def revoke(self, serial: str, reason: str) -> None:
        try:
            resp = await self._http.post(f"/v1/certificates/{serial}/revoke", json={"reason": reason})
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            logger.error("revocation of %s rejected: %s", serial, exc.response.text)
            raise CAError(f"revocation of {serial} failed")

    async def fetch_crl(self) -> bytes:
        delay = 0.5
        for attempt in range(4):
            try:
                resp = await self._http.get("/v1/crl")
                resp.raise_for_status()
                return resp.content
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                if attempt == 3:
                    raise CAError("CRL unavailable") from exc
                logger.info("CRL fetch attempt %d failed: %s", attempt + 1, exc)
                await asyncio.sleep(delay)
                delay *= 2
        raise CAError("CRL unavailable")
