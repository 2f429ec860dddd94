"""The lab client retries its read through the project's backoff helper and posts its order once: the
one request of the class sent once. The identity client retries its discovery read but exchanges a
single-use authorization code, which can never be sent twice. The valve client retries its read but
sends two commands once: no send the class settled on. The payer retries its claim POST and sends the
reversal once; a status POST nothing calls does not count as left out."""
import httpx

from labs.backoff import with_backoff


class LabClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def submit_order(self, order_id: int) -> str:
        resp = await self._http.post("/crossmatch/requests", json={"order": order_id})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()["sample_id"]

    async def fetch_result(self, sample_id: str) -> dict:
        async def _get() -> dict:
            resp = await self._http.get(f"/crossmatch/results/{sample_id}")
            resp.raise_for_status()
            return resp.json()

        return await with_backoff(_get, attempts=3, retry_on=(httpx.TransportError,))
