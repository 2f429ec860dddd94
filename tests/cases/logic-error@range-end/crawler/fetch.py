"""Retry loops testing their attempt counter."""
import asyncio


class FetchError(Exception):
    pass


class Fetcher:
    def __init__(self, client, max_attempts: int = 3) -> None:
        self._client = client
        self.max_attempts = max_attempts

    async def fetch(self, url: str) -> bytes:
        for attempt in range(self.max_attempts):
            try:
                return await self._client.get(url)
            except OSError as exc:
                if attempt == self.max_attempts:  # expect: logic-error
                    raise FetchError(url) from exc
                await asyncio.sleep(2 ** attempt)
        return b""

    async def fetch_counted(self, url: str, tries: int) -> bytes:
        for attempt in range(1, tries):
            try:
                return await self._client.get(url)
            except OSError as exc:
                if tries == attempt:  # expect: logic-error
                    raise FetchError(url) from exc
        return b""

    async def fetch_last(self, url: str) -> bytes:
        for attempt in range(self.max_attempts):
            try:
                return await self._client.get(url)
            except OSError as exc:
                if attempt == self.max_attempts - 1:
                    raise FetchError(url) from exc
                await asyncio.sleep(2 ** attempt)
        return b""

    async def fetch_growing(self, url: str, budget: int) -> bytes:
        for attempt in range(budget):
            try:
                return await self._client.get(url)
            except OSError:
                budget += 1
                if attempt == budget:
                    raise
        return b""

    def countdown(self, start: int) -> list[int]:
        out = []
        for left in range(start, 0, -1):
            if left >= 0:
                out.append(left)
        return out
