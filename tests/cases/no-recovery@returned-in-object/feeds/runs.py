"""Feed refresh runs: one started for a caller that gets the task back inside its handle, one
started and forgotten."""
import asyncio
from dataclasses import dataclass

import httpx


@dataclass
class RefreshRun:
    updates: asyncio.Queue
    task: asyncio.Task


async def refresh_loop(client: httpx.AsyncClient, feed: str, updates: asyncio.Queue) -> None:
    while True:
        resp = await client.get(f"/feeds/{feed}")  # expect: no-recovery
        await updates.put(resp.json())
        await asyncio.sleep(30)


async def poll_pages(client: httpx.AsyncClient, feed: str, updates: asyncio.Queue) -> None:
    page = 0
    while True:
        resp = await client.get(f"/feeds/{feed}/pages/{page}")
        await updates.put(resp.json())
        page += 1
        await asyncio.sleep(1)


def start_run(client: httpx.AsyncClient, feed: str) -> RefreshRun:
    """The caller holds the task in the handle and awaits or cancels it: a failure reaches it."""
    updates: asyncio.Queue = asyncio.Queue(maxsize=100)
    task = asyncio.create_task(poll_pages(client, feed, updates))
    return RefreshRun(updates=updates, task=task)


def start_forgotten(client: httpx.AsyncClient, feed: str) -> None:
    asyncio.create_task(refresh_loop(client, feed, asyncio.Queue(maxsize=100)))
