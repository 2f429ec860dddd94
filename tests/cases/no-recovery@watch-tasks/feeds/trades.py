"""Paged trade downloads run as tasks: stop on cancel, let failures out."""
import asyncio


class TradeDownloader:
    def __init__(self, exchange) -> None:
        self.exchange = exchange

    async def _download(self, pair: str, since: int) -> list[dict]:
        trades: list[dict] = []
        while True:
            try:
                page, since_next = await self.exchange.fetch_trades(pair, since=since)
                if not page or since_next == since:
                    break
                since = since_next
                trades.extend(page)
            except asyncio.CancelledError:
                break
        return trades

    async def _poll(self, pair: str) -> None:
        while True:
            try:
                await self.exchange.fetch_trades(pair, since=0)
            except ConnectionError:  # expect: no-recovery
                continue

    async def download_all(self, pairs: list[str]) -> None:
        tasks = [asyncio.create_task(self._download(pair, 0)) for pair in pairs[:10]]
        await asyncio.gather(*tasks)
        asyncio.create_task(self._poll(pairs[0]))
