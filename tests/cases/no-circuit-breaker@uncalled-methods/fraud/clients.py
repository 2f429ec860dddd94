"""Clients of the fraud provider and the address validator; the app keeps one of each.
Their public methods are called by the review queue's handlers, registered by name."""
import httpx
import pybreaker

_address_breaker = pybreaker.CircuitBreaker(fail_max=5, reset_timeout=30)


class FraudClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def score(self, order_id: int) -> float:
        resp = await self._http.get(f"/v1/orders/{order_id}/score")  # expect: no-circuit-breaker
        resp.raise_for_status()
        return float(resp.json()["score"])

    async def history(self, customer_id: int) -> list[dict]:
        resp = await self._http.get(f"/v1/customers/{customer_id}/history")
        resp.raise_for_status()
        return resp.json()


class AddressClient:
    """Guarded by a breaker: silent."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    @_address_breaker
    async def validate(self, line: str) -> bool:
        resp = await self._http.get("/v1/validate", params={"line": line})
        return resp.status_code == 200

    @_address_breaker
    async def suggest(self, line: str) -> list[str]:
        resp = await self._http.get("/v1/suggest", params={"line": line})
        return resp.json()


class GeoClient:
    """One uncalled method: nothing says calls pile up from several places."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def locate(self, ip: str) -> dict:
        resp = await self._http.get(f"/v1/ip/{ip}")
        return resp.json()
