"""Bank transfer API: every send carries an idempotency key, yet nothing retries it."""
import uuid

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class TransferApi:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def transfer(self, source: str, target: str, cents: int, ref: str) -> str:
        headers = {"Idempotency-Key": f"xfer-{ref}"}
        body = {"from": source, "to": target, "amount": cents}
        resp = await self._http.post("/v2/transfers", json=body, headers=headers)  # expect: no-retry
        resp.raise_for_status()
        return resp.json()["id"]

    async def note(self, transfer_id: str, text: str) -> None:
        # no key: a second attempt could add the note twice, so a retry is not asked for here
        headers = {"X-Request-Id": uuid.uuid4().hex}
        resp = await self._http.post(f"/v2/transfers/{transfer_id}/notes", json={"text": text}, headers=headers)
        resp.raise_for_status()


class HoldApi:
    """Holds are retried: the key makes a second attempt harmless."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_attempt(3),
           wait=wait_exponential_jitter(initial=0.2, max=2), reraise=True)
    async def hold(self, account: str, cents: int, ref: str) -> str:
        resp = await self._http.post("/v2/holds", json={"account": account, "amount": cents},
                                     headers={"Idempotency-Key": f"hold-{ref}"})
        resp.raise_for_status()
        return resp.json()["id"]
