"""Payout provider client: the transfer calls retry transient failures, one was left out."""
import uuid

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

_transient = retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_attempt(3),
                   wait=wait_exponential_jitter(initial=0.2, max=2), reraise=True)


class PayoutClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @_transient
    async def create(self, account: str, cents: int, ref: str) -> str:
        headers = {"Idempotency-Key": f"payout-{ref}"}
        resp = await self._http.post("/payouts", json={"account": account, "cents": cents}, headers=headers)
        resp.raise_for_status()
        return resp.json()["id"]

    @_transient
    async def cancel(self, payout_id: str) -> None:
        headers = {"Idempotency-Key": f"cancel-{payout_id}"}
        resp = await self._http.post(f"/payouts/{payout_id}/cancel", headers=headers)
        resp.raise_for_status()

    async def release(self, payout_id: str) -> None:
        headers = {"Idempotency-Key": f"release-{payout_id}"}
        resp = await self._http.post(f"/payouts/{payout_id}/release", headers=headers)  # expect: no-retry
        resp.raise_for_status()

    async def annotate(self, payout_id: str, text: str) -> None:
        headers = {"X-Request-Id": uuid.uuid4().hex}
        resp = await self._http.post(f"/payouts/{payout_id}/notes", json={"text": text}, headers=headers)
        resp.raise_for_status()
