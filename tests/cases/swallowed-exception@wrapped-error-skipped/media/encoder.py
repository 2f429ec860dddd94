import aiohttp


class EncoderUnavailableException(Exception):
    pass


async def request_thumbnail(session: aiohttp.ClientSession, asset_id: str) -> None:
    async with session.post(f"/thumbnails/{asset_id}") as resp:
        if resp.status >= 500:
            raise EncoderUnavailableException(asset_id)
