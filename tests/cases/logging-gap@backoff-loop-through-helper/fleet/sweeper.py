import asyncio
import logging
from datetime import date, timedelta

from fleet.runner import Job, run_program

log = logging.getLogger(__name__)


async def sweep(store) -> int:
    return await store.delete_expired()


async def main(stop: asyncio.Event, store=None) -> None:
    while not stop.is_set():
        try:
            removed = await sweep(store)
            log.info("removed %d", removed)
        except Exception:  # expect: logging-gap
            await asyncio.sleep(5)
            continue
        await asyncio.sleep(60)


class Backfill(Job):
    def __init__(self, store) -> None:
        self.store = store

    async def tick(self) -> None:
        yesterday = date.today() - timedelta(days=1)
        for offset in range(3):
            try:
                await self.store.backfill(yesterday - timedelta(days=offset))
            except Exception:  # expect: logging-gap
                await asyncio.sleep(5)
                continue


async def fetch_with_retry(client, url: str):
    # look-alike: a retry loop that returns on success; the last failure reaches the caller
    for attempt in range(3):
        try:
            return await client.get(url)
        except Exception:
            await asyncio.sleep(2 ** attempt)
            continue
    raise RuntimeError(f"{url} failed three times")


async def drain(queue, handle) -> None:
    # look-alike: the failure is logged before the back-off
    while True:
        try:
            await handle(await queue.get())
        except Exception:
            log.exception("handling failed")
            await asyncio.sleep(1)
            continue


if __name__ == "__main__":
    run_program("sweeper", main)
