"""Fetches remote artwork; a failed download reaches callers as LookupError."""
import aiohttp

ART_HOST = "http://artwork.internal"


async def _download(session: aiohttp.ClientSession, key: str) -> bytes:
    try:
        async with session.get(f"{ART_HOST}/art/{key}", raise_for_status=True) as resp:
            return await resp.read()
    except aiohttp.ClientError as err:
        raise LookupError(key) from err


async def cover_bytes(session: aiohttp.ClientSession, key: str) -> bytes:
    data = await _download(session, key)
    return data[:65536]

