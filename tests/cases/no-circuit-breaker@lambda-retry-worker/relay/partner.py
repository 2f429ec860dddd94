import httpx

from relay.backoff import with_backoff


class PartnerClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def _post(self, body: dict) -> None:
        resp = await self._http.post("/events", json=body, headers={"Idempotency-Key": body["id"]})  # expect: no-circuit-breaker
        resp.raise_for_status()

    async def deliver(self, event: dict) -> None:
        await with_backoff(lambda: self._post(event))
