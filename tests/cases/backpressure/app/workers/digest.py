"""Daily digests: one e-mail per user, and quote refreshes."""
import asyncio

SYMBOLS = ("AAPL", "MSFT", "GOOG")


class DigestWorker:
    def __init__(self, db, mailer=None, quotes=None) -> None:
        self.db = db
        self.mailer = mailer
        self.quotes = quotes
        self._send_limit = asyncio.Semaphore(10)

    async def run(self) -> None:
        while True:
            users = await self.db.list_users()
            await asyncio.gather(*[self._send(user) for user in users])  # expect: backpressure
            await asyncio.gather(*(self._send_limited(user) for user in users))
            await asyncio.gather(*(self._refresh(symbol) for symbol in SYMBOLS))
            await asyncio.sleep(86400)

    async def _send(self, user) -> None:
        await self.mailer.send(user["email"], "Your digest")

    async def _send_limited(self, user) -> None:
        async with self._send_limit:
            await self.mailer.send(user["email"], "Your digest")

    async def _refresh(self, symbol: str) -> None:
        await self.quotes.refresh(symbol)
