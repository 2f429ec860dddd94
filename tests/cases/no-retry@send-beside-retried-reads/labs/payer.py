import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class Payer:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    @retry(retry=retry_if_exception_type(httpx.TransportError), wait=wait_exponential(max=4),
           stop=stop_after_attempt(3), reraise=True)
    async def adjudicate(self, claim: dict) -> dict:
        resp = await self._http.post("/claims", json=claim)
        resp.raise_for_status()
        return resp.json()

    async def reverse(self, ref: str) -> dict:
        resp = await self._http.post(f"/claims/{ref}/reversal", json={"reason": "RTS"})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()

    async def status_batch(self, refs: list[str]) -> dict:
        resp = await self._http.post("/claims/status", json={"refs": refs})
        resp.raise_for_status()
        return resp.json()
