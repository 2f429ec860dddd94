import asyncio

from kennel.repo import BookingRepo


async def groom_loop(repo: BookingRepo, stop: asyncio.Event) -> None:
    while not stop.is_set():
        for task in await repo.take_grooming_tasks(20):
            await repo.finish(task["id"])
        await asyncio.sleep(5)


async def bath_loop(repo: BookingRepo, stop: asyncio.Event) -> None:
    while not stop.is_set():
        for task in await repo.take_bath_tasks(20):
            await repo.finish(task["id"])
        await asyncio.sleep(5)
