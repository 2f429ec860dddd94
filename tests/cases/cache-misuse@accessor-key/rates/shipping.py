import httpx

from lib.memo import ExpiringStore

_rate_cache = ExpiringStore(ttl=120)


class CarrierRates:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._quote_cache = ExpiringStore(ttl=60)

    async def quote(self, origin: str, destination: str, weight_class: str) -> dict:
        key = f"quote:{origin}:{destination}"  # expect: cache-misuse
        hit = self._quote_cache.get_fresh(key)
        if hit is not None:
            return hit
        resp = await self._client.get("/quote", params={"from": origin, "to": destination, "class": weight_class})
        quote = resp.json()
        self._quote_cache.set_value(key, quote)
        return quote

    async def quote_keyed(self, origin: str, destination: str, weight_class: str) -> dict:
        # look-alike: every input of the value is in the key
        key = f"quote:{origin}:{destination}:{weight_class}"
        hit = self._quote_cache.get_fresh(key)
        if hit is not None:
            return hit
        resp = await self._client.get("/quote", params={"from": origin, "to": destination, "class": weight_class})
        quote = resp.json()
        self._quote_cache.set_value(key, quote)
        return quote


async def zone_rate(client: httpx.AsyncClient, zone: str, currency: str) -> float:
    cache_key = "zone:" + zone  # expect: cache-misuse
    found = _rate_cache.get_fresh(cache_key)
    if found is not None:
        return found
    resp = await client.get(f"/zones/{zone}", params={"currency": currency})
    rate = float(resp.json()["rate"])
    _rate_cache.set_value(cache_key, rate)
    return rate
