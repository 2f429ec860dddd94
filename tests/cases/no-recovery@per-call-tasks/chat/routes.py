"""A start endpoint that drains the rest of a progress stream in the background, a completion
call watched by a stop-check task, and a status pusher that is a real worker."""
from __future__ import annotations

import asyncio
from typing import AsyncIterator, Awaitable, Callable

import httpx
from fastapi import APIRouter

router = APIRouter()


async def start_steps(session_id: str) -> AsyncIterator[dict]:
    yield {"session": session_id, "step": "queued"}
    await asyncio.sleep(0.1)
    yield {"session": session_id, "step": "running"}


async def _drain(steps: AsyncIterator[dict], client: httpx.AsyncClient) -> None:
    try:
        while True:
            await anext(steps)
    except StopAsyncIteration:
        return
    finally:
        await client.aclose()


@router.post("/sessions/{session_id}/start")
async def start(session_id: str) -> dict:
    steps = start_steps(session_id)
    first = await anext(steps)
    asyncio.create_task(_drain(steps, httpx.AsyncClient()))
    return first


async def complete(client: httpx.AsyncClient, prompt: str, cancelled: Callable[[], Awaitable[bool]]) -> str:
    done = False

    async def watch_cancel() -> None:
        while not done:
            if await cancelled():
                return
            await asyncio.sleep(0.1)

    watcher = asyncio.create_task(watch_cancel())
    try:
        response = await client.post("/complete", json={"prompt": prompt})
        return response.json()["text"]
    finally:
        done = True
        watcher.cancel()
        try:
            await watcher
        except asyncio.CancelledError:
            pass


async def push_status(client: httpx.AsyncClient) -> None:
    while True:
        await client.post("/status", json={"ok": True})  # expect: no-recovery
        await asyncio.sleep(5)


@router.on_event("startup")
async def boot() -> None:
    asyncio.create_task(push_status(httpx.AsyncClient()))
