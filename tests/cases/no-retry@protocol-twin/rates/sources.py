import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

_transient = retry(retry=retry_if_exception_type(httpx.TransportError), wait=wait_exponential(max=4),
                   stop=stop_after_attempt(3), reraise=True)


class EcbRates:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @_transient
    async def daily_rates(self, day: str) -> dict:
        resp = await self._http.get(f"https://ecb.example.org/rates/{day}")
        resp.raise_for_status()
        return resp.json()


class FedRates:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @_transient
    async def daily_rates(self, day: str) -> dict:
        resp = await self._http.post("https://fed.example.org/api/rates", json={"day": day})
        resp.raise_for_status()
        return resp.json()


class BoeRates:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def daily_rates(self, day: str) -> dict:
        resp = await self._http.post("https://boe.example.org/api/rates", json={"day": day})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()


# look-alike: only one of three quote providers retries, no policy the interface settled on
class AcmeQuotes:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @_transient
    async def quote(self, parcel: dict) -> dict:
        resp = await self._http.post("https://acme.example.org/quotes", json=parcel)
        return resp.json()


class ZenQuotes:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def quote(self, parcel: dict) -> dict:
        resp = await self._http.post("https://zen.example.org/quotes", json=parcel)
        return resp.json()


class OrbQuotes:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def quote(self, parcel: dict) -> dict:
        resp = await self._http.post("https://orb.example.org/quotes", json=parcel)
        return resp.json()
