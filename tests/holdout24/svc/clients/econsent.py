"""Client for the e-consent provider (envelopes, signature status, signed documents)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ConsentStatus:
    envelope_id: str
    state: str
    signed_version: str | None

    @property
    def signed(self) -> bool:
        return self.state == "completed"


class EConsentClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.econsent_base_url.rstrip("/")
        self._token = settings.econsent_token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"Authorization": f"Bearer {self._token}"}, raise_for_status=True)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("EConsentClient.start() was not called")
        return self._session

    async def create_envelope(self, participant_ref: str, template_id: str, email: str) -> str:
        body = {"reference": participant_ref, "template": template_id, "signer": {"email": email}}
        async with self.session.post(f"{self._base}/v1/envelopes", json=body) as resp:
            data = await resp.json()
        return data["envelope_id"]

    @retry(
        retry=retry_if_exception_type(aiohttp.ClientConnectionError),
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.5, max=5),
        reraise=True,
    )
    async def get_status(self, envelope_id: str) -> ConsentStatus:
        async with self.session.get(f"{self._base}/v1/envelopes/{envelope_id}") as resp:
            data = await resp.json()
        return ConsentStatus(envelope_id, data["state"], data.get("document_version"))

    async def get_statuses(self, envelope_ids: list[str]) -> dict[str, ConsentStatus]:
        async with self.session.post(f"{self._base}/v1/envelopes:batchGet", json={"ids": envelope_ids}) as resp:
            data = await resp.json()
        return {e["id"]: ConsentStatus(e["id"], e["state"], e.get("document_version")) for e in data["envelopes"]}

    async def signed_document(self, envelope_id: str) -> bytes:
        timeout = aiohttp.ClientTimeout(total=60, sock_connect=5, sock_read=20)
        async with self.session.get(f"{self._base}/v1/envelopes/{envelope_id}/document", timeout=timeout) as resp:
            return await resp.read()
