"""Caches in front of the quote service."""
import asyncio


class QuoteService:
    def __init__(self, client) -> None:
        self.client = client
        self._prices: dict[str, float] = {}
        self._sessions: dict[int, object] = {}
        self._rates: dict[str, float] = {}
        self._rates_lock = asyncio.Lock()
        self._pending: dict[str, asyncio.Future] = {}
        self._client_session = None

    async def price(self, symbol: str) -> float:
        if symbol not in self._prices:  # expect: race-condition
            quote = await self.client.get_quote(symbol)
            self._prices[symbol] = quote["last"]
        return self._prices[symbol]

    async def session_for(self, user_id: int) -> object:
        if user_id in self._sessions:  # expect: race-condition
            return self._sessions[user_id]
        session = await self.client.open_session(user_id)
        self._sessions[user_id] = session
        return session

    async def rate(self, pair: str) -> float:
        async with self._rates_lock:
            if pair not in self._rates:
                self._rates[pair] = await self.client.get_rate(pair)
            return self._rates[pair]

    async def deduplicated(self, key: str) -> object:
        if key not in self._pending:
            future = asyncio.get_running_loop().create_future()
            self._pending[key] = future
            future.set_result(await self.client.fetch(key))
        return await self._pending[key]

    async def http(self) -> object:
        if self._client_session is None:
            self._client_session = await self.client.new_session()
        return self._client_session
