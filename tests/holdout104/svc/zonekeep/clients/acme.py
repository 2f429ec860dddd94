"""ACME v2 (RFC 8555) client, DNS-01 only."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from typing import Any

import httpx

from zonekeep.core.errors import AcmeError
from zonekeep.core.logging import get_logger

log = get_logger("clients.acme")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def dns01_txt_value(token: str, thumbprint: str) -> str:
    return b64url(hashlib.sha256(f"{token}.{thumbprint}".encode()).digest())


class AcmeClient:
    def __init__(self, directory_url: str, signer: Any) -> None:
        self._directory_url = directory_url
        self._signer = signer  # object with .sign(url, payload, nonce) and .thumbprint
        self._http = httpx.AsyncClient(timeout=None, headers={"User-Agent": "zonekeep-acme/2"})
        self._directory: dict[str, str] = {}

    @property
    def thumbprint(self) -> str:
        return self._signer.thumbprint

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _dir(self) -> dict[str, str]:
        if not self._directory:
            resp = await self._http.get(self._directory_url)
            resp.raise_for_status()
            self._directory = resp.json()
        return self._directory

    async def _nonce(self) -> str:
        resp = await self._http.head((await self._dir())["newNonce"])
        return resp.headers["Replay-Nonce"]

    async def _post(self, url: str, payload: Any) -> httpx.Response:
        body = self._signer.sign(url, payload, await self._nonce())
        resp = await self._http.post(url, content=json.dumps(body), headers={"Content-Type": "application/jose+json"})
        if resp.status_code >= 400:
            raise AcmeError(f"{url}: {resp.status_code} {resp.text[:200]}")
        return resp

    async def new_order(self, names: list[str]) -> tuple[str, dict[str, Any]]:
        payload = {"identifiers": [{"type": "dns", "value": n} for n in names]}
        resp = await self._post((await self._dir())["newOrder"], payload)
        return resp.headers["Location"], resp.json()

    async def authorization(self, url: str) -> dict[str, Any]:
        return (await self._post(url, "")).json()

    async def respond(self, challenge_url: str) -> None:
        await self._post(challenge_url, {})

    async def poll(self, url: str, want: str = "valid", attempts: int = 20) -> dict[str, Any]:
        for i in range(attempts):
            data = (await self._post(url, "")).json()
            if data["status"] == want:
                return data
            if data["status"] == "invalid":
                raise AcmeError(f"{url} became invalid")
            await asyncio.sleep(min(2 * (i + 1), 10))
        raise AcmeError(f"{url} did not reach {want}")

    async def finalize(self, finalize_url: str, csr_der: bytes) -> dict[str, Any]:
        return (await self._post(finalize_url, {"csr": b64url(csr_der)})).json()

    async def download(self, cert_url: str) -> str:
        return (await self._post(cert_url, "")).text
