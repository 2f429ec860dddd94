"""Sends each team's daily digest once."""
import asyncio
from datetime import date

import httpx
import redis.asyncio as redis

from digest.lease import Lease


class DigestWorker:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._http = httpx.AsyncClient(base_url="http://mailer")

    async def run(self) -> None:
        while True:
            teams = (await self._http.get("/teams")).json()
            await self.send_leased(teams)
            await self.send_unleased(teams)
            await asyncio.sleep(600)

    async def send_leased(self, teams: list[str]) -> None:
        """Only the replica holding the lease tests and sets the markers."""
        lease = Lease(self._redis, f"digest:{date.today()}")
        if not await lease.acquire():
            return
        try:
            for team in teams:
                key = f"digest:{team}:{date.today()}"
                if await self._redis.exists(key):
                    continue
                await self._http.post("/digest", json={"team": team})
                await self._redis.set(key, "1", ex=86400)
        finally:
            await lease.release()

    async def send_unleased(self, teams: list[str]) -> None:
        for team in teams:
            key = f"weekly:{team}:{date.today()}"
            if await self._redis.exists(key):  # expect: race-condition
                continue
            await self._http.post("/weekly", json={"team": team})
            await self._redis.set(key, "1", ex=86400)
