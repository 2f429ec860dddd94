"""Market metadata of one exchange: every map is keyed by the exchange's own market list."""
import logging
import time

import httpx

log = logging.getLogger(__name__)


class MarketDirectory:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._symbols: dict[str, str] = {}
        self._address_cache: dict[str, str] = {}
        self._contract_sizes: dict[str, float] = {}
        self._last_logged: dict[str, float] = {}
        self._holder_cache: dict[str, dict] = {}  # expect: unbounded-cache
        self._now = 0.0

    async def load_symbols(self) -> None:
        resp = await self._client.get("/markets")
        self._symbols = {m["symbol"]: m["pair"] for m in resp.json()["markets"]}

    def pair_for_address(self, address: str) -> str | None:
        if address not in self._address_cache:
            for symbol, pair in self._symbols.items():
                self._address_cache[symbol.lower().replace("/", ":")] = pair
        return self._address_cache.get(address)

    async def contract_sizes(self) -> dict[str, float]:
        if not self._contract_sizes:
            resp = await self._client.get("/instruments")
            for item in resp.json()["data"]:
                self._contract_sizes[item["id"]] = float(item["size"])
        return self._contract_sizes

    def log_every(self, key: str, message: str, interval: float = 60.0) -> None:
        if self._now - self._last_logged.get(key, 0.0) > interval:
            self._emit(message)
            self._last_logged[key] = self._now

    def _emit(self, message: str) -> None:
        log.info("%s (%d markets)", message, len(self._symbols))

    def tick(self) -> None:
        self._now = time.monotonic()
        self.log_every("tick", "directory alive")
        if not self._symbols:
            self.log_every("empty", "no markets loaded yet")

    async def holder(self, account: str) -> dict:
        cached = self._holder_cache.get(account)
        if cached is None:
            resp = await self._client.get(f"/accounts/{account}")
            cached = self._holder_cache[account] = resp.json()
        return cached
