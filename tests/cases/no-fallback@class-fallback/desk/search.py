"""Search cluster client: reads are retried on transport errors."""
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

_transient = retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_attempt(3),
                   wait=wait_exponential_jitter(initial=0.2, max=2.0), reraise=True)


class SearchClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @_transient
    async def query(self, org_id: int, text: str) -> list[int]:
        response = await self._http.post("/tickets/_search", json={"org": org_id, "q": text})
        response.raise_for_status()
        return [int(hit["_id"]) for hit in response.json()["hits"]]

    @_transient
    async def similar(self, org_id: int, ticket_id: int) -> list[int]:
        response = await self._http.post("/tickets/_mlt", json={"org": org_id, "like": ticket_id})
        response.raise_for_status()
        return [int(hit["_id"]) for hit in response.json()["hits"]]

    async def delete(self, ticket_id: int) -> None:
        response = await self._http.delete(f"/tickets/_doc/{ticket_id}")
        response.raise_for_status()
