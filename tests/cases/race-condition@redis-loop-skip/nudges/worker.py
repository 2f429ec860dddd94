"""Sends at most one nudge per user and day; every replica runs this loop."""
import asyncio
from datetime import date

import httpx
import redis.asyncio as redis


class NudgeWorker:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._http = httpx.AsyncClient(base_url="http://mailer")

    async def run(self) -> None:
        while True:
            users = (await self._http.get("/pending-users")).json()
            await self.nudge(users)
            await self.nudge_claimed(users)
            await self.nudge_logged(users)
            await asyncio.sleep(60)

    async def nudge(self, users: list[dict]) -> None:
        for user in users:
            key = f"nudge:{user['id']}:{date.today()}"
            if await self._redis.exists(key):  # expect: race-condition
                continue
            await self._http.post("/send", json={"to": user["email"], "template": "nudge"})
            await self._redis.set(key, "1", ex=86400)

    async def nudge_claimed(self, users: list[dict]) -> None:
        """Claims the key atomically before sending: only one replica wins it."""
        for user in users:
            key = f"nudge2:{user['id']}:{date.today()}"
            if not await self._redis.set(key, "1", nx=True, ex=86400):
                continue
            await self._http.post("/send", json={"to": user["email"], "template": "nudge"})

    async def nudge_logged(self, users: list[dict]) -> None:
        """The check only logs; the set after it does not depend on it."""
        for user in users:
            key = f"seen:{user['id']}"
            if await self._redis.exists(key):
                print("seen before", user["id"])
            await self._http.post("/track", json={"user": user["id"]})
            await self._redis.set(key, "1")
