"""Talks to a helper process listening on this host, and to a remote controller."""
from __future__ import annotations

import asyncio

from fastapi import FastAPI

app = FastAPI()


@app.post("/console/{port}")
async def console(port: int, line: str) -> str:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)  # expect: missing-timeout
    writer.write(line.encode() + b"\n")
    await writer.drain()
    reply = await reader.readline()  # expect: missing-timeout
    writer.close()
    return reply.decode()


@app.post("/controller")
async def controller(host: str, line: str) -> str:
    reader, writer = await asyncio.open_connection(host, 7000)  # expect: missing-timeout
    writer.close()
    return ""
