"""Regulator submission APIs: daily emissions per ship, fuel reports, port-state arrivals."""
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class UpstreamError(Exception):
    pass


class RegulatorClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=20.0)

    async def submit_daily(self, imo: str, payload: dict) -> str:
        try:
            resp = await self._http.post(f"/ships/{imo}/daily", json=payload)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise UpstreamError(str(exc)) from exc
        return resp.json()["receipt"]


class FuelRegistry:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=20.0)

    async def report(self, imo: str, payload: dict) -> None:
        try:
            resp = await self._http.post(f"/fuel/{imo}", json=payload)  # expect: no-retry
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise UpstreamError(str(exc)) from exc


class PortStateClient:
    """The port-state registry: its daily arrivals feed is retried on connection errors."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=20.0)

    @retry(retry=retry_if_exception_type(httpx.ConnectError), stop=stop_after_attempt(5),
           wait=wait_exponential(multiplier=1, max=60), reraise=True)
    async def report_arrival(self, imo: str, payload: dict) -> None:
        resp = await self._http.post(f"/arrivals/{imo}", json=payload)
        resp.raise_for_status()
