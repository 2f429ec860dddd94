from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import datetime

import httpx

log = logging.getLogger(__name__)


class BankError(RuntimeError):
    pass


class BankRejected(BankError):
    pass


class BankUnavailable(BankError):
    pass


@dataclass(frozen=True)
class SubmissionReceipt:
    reference: str
    accepted_at: datetime


class BankClient:
    """Payout API of the bank: file upload, status and return (R-code) retrieval."""

    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        credentials = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=None,
            headers={"Authorization": f"Basic {credentials}"},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def submit_file(self, batch_id: int, content: bytes, idempotency_key: str) -> SubmissionReceipt:
        # Submissions are sent once; a lost response is resolved by the reconciler,
        # which asks the bank for the status of this idempotency key.
        resp = await self._client.post(
            "/v1/payout-files",
            content=content,
            headers={"Idempotency-Key": idempotency_key, "Content-Type": "text/plain"},
        )
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError:
            raise BankRejected(f"bank rejected batch {batch_id}: HTTP {resp.status_code}")
        body = resp.json()
        return SubmissionReceipt(
            reference=body["reference"], accepted_at=datetime.fromisoformat(body["accepted_at"])
        )

    async def status_by_key(self, idempotency_key: str) -> dict | None:
        try:
            resp = await self._client.get(f"/v1/payout-files/by-key/{idempotency_key}")
        except httpx.TransportError as exc:
            raise BankUnavailable("bank status endpoint unreachable") from exc
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return resp.json()

    async def returns_since(self, since: datetime) -> list[dict]:
        resp = await self._client.get("/v1/returns", params={"since": since.isoformat()})
        resp.raise_for_status()
        return resp.json()["returns"]
