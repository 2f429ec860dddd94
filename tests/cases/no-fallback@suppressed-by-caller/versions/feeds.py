"""The channel feed: refreshed under a suppress of the error its fetch raises in place of the
client's (the answer stays the last one fetched)."""
from contextlib import suppress

import aiohttp


class FeedError(Exception):
    """The feed could not be fetched or read."""


async def _fetch(session: aiohttp.ClientSession, url: str) -> bytes:
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as resp:
            return await resp.read()
    except (aiohttp.ClientError, TimeoutError) as err:
        raise FeedError(f"cannot fetch {url}") from err


class ChannelFeed:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.latest = b""

    async def refresh(self) -> None:
        with suppress(FeedError):
            await self.pull()

    async def pull(self) -> None:
        self.latest = await _fetch(self.session, "https://feeds.example.org/channel")
