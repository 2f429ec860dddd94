"""Lift telemetry feed: every read goes through one helper that names the failure."""
import aiohttp


class FeedDown(Exception):
    """The telemetry feed did not answer."""


class LiftFeed:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def _read(self, path: str) -> dict:
        try:
            async with self._session.get(f"https://telemetry.internal{path}") as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientError as exc:
            raise FeedDown(path) from exc

    async def queue(self, lift_id: str) -> dict:
        return await self._read(f"/lifts/{lift_id}/queue")

    async def wind(self, lift_id: str) -> dict:
        return await self._read(f"/lifts/{lift_id}/wind")
