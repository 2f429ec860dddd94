"""Upstream probe the health worker runs between rounds."""
import aiohttp


async def probe(url: str) -> bool:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        async with session.get(url) as resp:
            return resp.status == 200
