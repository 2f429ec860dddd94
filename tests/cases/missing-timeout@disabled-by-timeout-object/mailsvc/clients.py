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


class DevtoolsRelay:
    """Relays a browser's devtools socket: the session only opens that websocket, so a total
    limit would cut a healthy session; the heartbeat detects a dead peer."""

    def __init__(self, upstream: str) -> None:
        self._upstream = upstream

    async def relay(self, send) -> None:
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.ws_connect(self._upstream, heartbeat=30.0) as upstream:
                async for message in upstream:
                    await send(message.data)


class StatusPoller:
    """The same timeout object on a session that makes plain requests leaves them unbounded."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def status(self) -> dict:
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)  # expect: missing-timeout
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(f"{self._base}/status") as response:
                return await response.json()
