"""Announcements to many users at once."""
import asyncio

from .push import PushClient


class Announcer:
    def __init__(self, push: PushClient) -> None:
        self.push = push

    async def _notify(self, user_id: int, text: str) -> bool:
        return await self.push.send(user_id, text)

    async def announce(self, user_ids: list[int], text: str) -> int:
        results = await asyncio.gather(*(self._notify(uid, text) for uid in user_ids))  # expect: backpressure
        return sum(1 for ok in results if ok)

    async def notify_pair(self, first: int, second: int, text: str) -> None:
        await asyncio.gather(*(self._notify(uid, text) for uid in (first, second)))
