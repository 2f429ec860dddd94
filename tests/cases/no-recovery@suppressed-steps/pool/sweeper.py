import asyncio
from contextlib import suppress

import httpx

IDLE: dict[str, httpx.AsyncClient] = {}
STALE: dict[str, httpx.AsyncClient] = {}


async def sweep_idle() -> None:
    while True:
        await asyncio.sleep(30)
        for key in list(IDLE):
            client = IDLE.pop(key)
            with suppress(Exception):
                await client.aclose()


async def sweep_stale() -> None:
    while True:
        await asyncio.sleep(30)
        for key in list(STALE):
            client = STALE.pop(key)
            with suppress(KeyError):
                await client.aclose()  # expect: no-recovery


async def check_all(urls: list[str], width: int) -> list[int]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    codes: list[int] = []

    async def probe() -> None:
        async with httpx.AsyncClient(timeout=5) as client:
            while True:
                url = await queue.get()
                codes.append((await client.head(url)).status_code)
                queue.task_done()

    probes = [asyncio.create_task(probe())
              for _ in range(width)]
    await asyncio.gather(*probes)
    return codes


async def start() -> None:
    asyncio.create_task(sweep_idle())
    asyncio.create_task(sweep_stale())
