"""Background fan-outs: one call per recipient, all at once."""
from __future__ import annotations

import asyncio

import aiohttp
import httpx
from aiobreaker import CircuitBreaker

from fleet.clients import DevicePush, Geocoder, Mailer

mail_breaker = CircuitBreaker(fail_max=5)


class Broadcaster:
    def __init__(self, push: DevicePush, mailer: Mailer) -> None:
        self._push = push
        self._mailer = mailer

    async def run(self, queue: asyncio.Queue) -> None:
        while True:
            alert = await queue.get()
            await asyncio.gather(*(self._push.notify(t, alert["title"]) for t in alert["tokens"]))
            await self._mail_all(alert["emails"], alert["title"])

    async def _mail_all(self, emails: list[str], title: str) -> None:
        await asyncio.gather(*(mail_breaker.call_async(self._mailer.send, to, title) for to in emails))


async def geocode_batch(session: aiohttp.ClientSession, addresses: list[str]) -> list[dict]:
    geo = Geocoder(session)
    return await asyncio.gather(*[geo.locate(a) for a in addresses])


async def nightly(session: aiohttp.ClientSession, queue: asyncio.Queue) -> None:
    while True:
        batch = await queue.get()
        await geocode_batch(session, batch)
        await asyncio.sleep(3600)



async def probe(http: httpx.AsyncClient, url: str) -> int:
    resp = await http.head(url)
    return resp.status_code


async def check_links(urls: list[str], queue: asyncio.Queue) -> None:
    """Each URL is its own host: there is no one dependency here for a breaker to track."""
    async with httpx.AsyncClient(timeout=5.0) as http:
        while True:
            await queue.get()
            await asyncio.gather(*(probe(http, u) for u in urls))
