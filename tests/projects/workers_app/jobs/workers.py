import asyncio
import threading
import time

from jobs.clients import charge, count_accounts, fetch_rates, remember, scrape
from jobs.settings import POLL_SECONDS


class Poller:
    def __init__(self, queue: asyncio.Queue) -> None:
        self.queue = queue

    async def run(self) -> None:
        while True:
            await self.queue.put(await count_accounts())
            await asyncio.sleep(POLL_SECONDS)


async def consume(queue: asyncio.Queue) -> None:
    while True:
        item = await queue.get()
        await charge(item)


async def warm_cache() -> None:
    remember("warm", await scrape())


def rates_thread() -> None:
    while True:
        fetch_rates()
        time.sleep(60)


async def audit_loop() -> None:
    while True:
        await asyncio.sleep(30)


async def supervise() -> None:
    async with asyncio.TaskGroup() as group:
        group.create_task(audit_loop())


def spawn(coro):
    return asyncio.create_task(coro)


async def start_all() -> None:
    queue: asyncio.Queue = asyncio.Queue(maxsize=100)
    poller = Poller(queue)
    asyncio.create_task(poller.run())
    spawn(consume(queue))
    asyncio.ensure_future(warm_cache())
    threading.Thread(target=rates_thread, daemon=True).start()
    asyncio.create_task(supervise())
