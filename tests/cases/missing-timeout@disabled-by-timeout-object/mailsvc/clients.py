from __future__ import annotations

import aiohttp
import httpx
import redis.asyncio as redis


class Mailer:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=None,  # expect: missing-timeout
        )

    async def send(self, to: str, body: str) -> None:
        await self._http.post("/send", json={"to": to, "body": body})


class Pusher:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            raise_for_status=True,
            timeout=aiohttp.ClientTimeout(sock_connect=3),  # expect: missing-timeout
        )

    async def push(self, user: int) -> None:
        assert self._session is not None
        await self._session.post(f"{self._base}/push", json={"user": user})


class Bounded:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(10.0, connect=2.0),
        )

    async def get(self, key: str) -> dict:
        return (await self._http.get(f"/{key}")).json()


def subscriber(url: str) -> redis.Redis:
    # Subscriptions sit quietly between messages; liveness is checked with PING instead.
    return redis.from_url(url, socket_timeout=None, socket_connect_timeout=2, health_check_interval=20)
