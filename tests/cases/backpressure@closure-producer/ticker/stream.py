import asyncio

import redis.asyncio as redis
from fastapi import FastAPI, WebSocket

app = FastAPI()
client = redis.Redis()


@app.websocket("/quotes/{symbol}")
async def quotes(ws: WebSocket, symbol: str) -> None:
    await ws.accept()
    pending = asyncio.Queue()  # expect: backpressure
    channel = client.pubsub()
    await channel.subscribe(f"quotes:{symbol}")

    async def relay() -> None:
        async for message in channel.listen():
            if message["type"] == "message":
                pending.put_nowait(message["data"])

    task = asyncio.create_task(relay())
    try:
        while True:
            await ws.send_text(await pending.get())
    finally:
        task.cancel()


@app.websocket("/quotes/{symbol}/bounded")
async def bounded_quotes(ws: WebSocket, symbol: str) -> None:
    await ws.accept()
    pending: asyncio.Queue[bytes] = asyncio.Queue(maxsize=64)
    channel = client.pubsub()
    await channel.subscribe(f"quotes:{symbol}")

    async def relay() -> None:
        async for message in channel.listen():
            if message["type"] == "message":
                await pending.put(message["data"])

    task = asyncio.create_task(relay())
    try:
        while True:
            await ws.send_text(await pending.get())
    finally:
        task.cancel()
