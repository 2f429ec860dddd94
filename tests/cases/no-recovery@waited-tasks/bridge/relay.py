"""A websocket relay to a shell host: three pumps run until the first one ends, then all stop."""
from __future__ import annotations

import asyncio
import logging

import aiohttp
from fastapi import APIRouter, WebSocket

from .access import still_allowed

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/shell/{host_id}")
async def shell(ws: WebSocket, host_id: str) -> None:
    await ws.accept()
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://shell-host/{host_id}") as upstream:

            async def inbound():
                try:
                    while True:
                        frame = await ws.receive()
                        if frame["type"] == "websocket.disconnect":
                            break
                        await upstream.send_str(frame.get("text") or "")
                except Exception:
                    pass

            async def recheck():
                try:
                    while True:
                        await asyncio.sleep(15)
                        if not await still_allowed(host_id):
                            return
                except Exception:
                    log.exception("access recheck failed")

            pumps = [
                asyncio.create_task(inbound()),
                asyncio.create_task(recheck()),
            ]
            try:
                await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for pump in pumps:
                    pump.cancel()


@router.websocket("/shell/{host_id}/watch")
async def watch(ws: WebSocket, host_id: str) -> None:
    await ws.accept()

    async def ping():
        while True:  # expect: no-recovery
            await asyncio.sleep(20)
            if not await still_allowed(host_id):
                return
            await ws.send_text("ping")

    asyncio.create_task(ping())
    await ws.receive_text()


@router.websocket("/shell/{host_id}/tail")
async def tail(ws: WebSocket, host_id: str) -> None:
    await ws.accept()

    async def keepalive():
        while True:
            await asyncio.sleep(20)
            await ws.send_text("keepalive")  # expect: no-recovery

    pinger = asyncio.create_task(keepalive())
    try:
        while True:
            await ws.receive_text()
    finally:
        pinger.cancel()
        await asyncio.gather(pinger, return_exceptions=True)
