import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class Valves:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def open(self, valve_id: str) -> None:
        resp = await self._http.post(f"/valves/{valve_id}/open")
        resp.raise_for_status()

    async def close(self, valve_id: str) -> None:
        resp = await self._http.post(f"/valves/{valve_id}/close")
        resp.raise_for_status()

    @retry(retry=retry_if_exception_type(httpx.TransportError), wait=wait_exponential(max=4),
           stop=stop_after_attempt(3), reraise=True)
    async def status(self, valve_id: str) -> dict:
        resp = await self._http.get(f"/valves/{valve_id}")
        resp.raise_for_status()
        return resp.json()
