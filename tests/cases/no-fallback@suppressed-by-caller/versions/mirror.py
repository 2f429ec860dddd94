"""The mirror feed: its fetch error reaches the route that asks for a refresh."""
import aiohttp


class MirrorFeed:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.latest = b""

    async def refresh(self) -> None:
        async with self.session.get("https://mirror.example.org/channel") as resp:  # expect: no-fallback
            self.latest = await resp.read()
