"""Rate card: the same threaded pattern, with a bound on the blocking call itself."""
import asyncio

import requests


class RateCard:
    def __init__(self, url: str) -> None:
        self._url = url
        self._session = requests.Session()

    def _fetch_blocking(self) -> dict:
        response = self._session.get(self._url, timeout=5)
        response.raise_for_status()
        return response.json()

    async def current(self) -> dict:
        return await asyncio.to_thread(self._fetch_blocking)
