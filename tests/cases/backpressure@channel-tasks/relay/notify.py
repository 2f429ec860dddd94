"""Fan-out where the caller spreads a whole result set into the varargs."""
import asyncio


class Notifier:
    def __init__(self, client) -> None:
        self.client = client

    async def send_one(self, user_id: int) -> None:
        await self.client.post("/notify", json={"user": user_id})

    async def send_all(self, *user_ids: int) -> None:
        await asyncio.gather(*[self.send_one(user_id) for user_id in user_ids])  # expect: backpressure


async def notify_everyone(notifier: Notifier, db) -> None:
    user_ids = await db.fetch_user_ids()
    await notifier.send_all(*user_ids)
