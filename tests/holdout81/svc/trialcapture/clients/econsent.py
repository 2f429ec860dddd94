from __future__ import annotations

import asyncio
import hashlib
import hmac
import uuid
from typing import Any

import aiohttp


class EConsentClient:
    """eConsent signing provider (envelopes signed by subject and investigator)."""

    def __init__(self, base_url: str, api_key: str, webhook_secret: str) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._secret = webhook_secret.encode()
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            timeout=aiohttp.ClientTimeout(total=20, connect=5),
            headers={"X-Api-Key": self._api_key},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None, "EConsentClient.start() was not called"
        return self._session

    async def create_envelope(self, subject_ref: str, template_id: str, signer_email: str) -> dict[str, Any]:
        payload = {"template": template_id, "reference": subject_ref, "signers": [{"email": signer_email}]}
        headers = {"Idempotency-Key": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{subject_ref}:{template_id}"))}
        for attempt in range(3):
            try:
                async with self.session.post("/envelopes", json=payload, headers=headers) as resp:
                    resp.raise_for_status()
                    return await resp.json()
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError):
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")

    async def get_envelope(self, envelope_id: str) -> dict[str, Any]:
        async with self.session.get(f"/envelopes/{envelope_id}") as resp:
            resp.raise_for_status()
            return await resp.json()

    async def download_document(self, envelope_id: str) -> bytes:
        async with self.session.get(f"/envelopes/{envelope_id}/document") as resp:
            resp.raise_for_status()
            return await resp.read()

    def verify_signature(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
