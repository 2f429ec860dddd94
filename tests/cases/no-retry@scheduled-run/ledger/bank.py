"""Partner bank client: statements, balances and transfers."""
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class BankClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=15.0)

    async def statement(self, day: str) -> list[dict]:
        response = await self._http.get("/v2/statements", params={"date": day})  # expect: no-retry
        response.raise_for_status()
        return response.json()["lines"]

    @retry(retry=retry_if_exception_type(httpx.TransportError), wait=wait_exponential_jitter(initial=1, max=30),
           stop=stop_after_attempt(5), reraise=True)
    async def fx_rates(self, day: str) -> dict:
        response = await self._http.get("/v2/fx", params={"date": day})
        response.raise_for_status()
        return response.json()

    async def sweep(self, day: str) -> None:
        response = await self._http.post("/v2/sweeps", json={"date": day})
        response.raise_for_status()


class FeedClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def pending(self) -> list[dict]:
        response = await self._http.get("/v1/pending")
        response.raise_for_status()
        return response.json()
