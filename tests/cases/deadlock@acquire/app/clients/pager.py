"""Paging provider over aiohttp; the session keeps aiohttp's default 300 s total timeout."""
import aiohttp


class Pager:
    def __init__(self, url: str) -> None:
        self._url = url
        self._session = aiohttp.ClientSession()

    async def page(self, contact: str, text: str) -> None:
        async with self._session.post(f"{self._url}/pages", json={"to": contact, "text": text}) as resp:
            resp.raise_for_status()


class Billing:
    """A token endpoint with a 15 s timeout: holding a lock around its refresh is a short wait."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))

    async def fetch_token(self) -> str:
        async with self._session.post(f"{self._url}/token") as resp:
            return (await resp.json())["token"]
