"""Meter readings pushed by field devices; each reading carries a CRC the service verifies."""
import zlib

import redis.asyncio as redis
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()
store = redis.Redis(host="cache")


def verify_crc(reading: dict) -> bool:
    return zlib.crc32(str(reading.get("value")).encode()) == reading.get("crc")


class MeterLog:
    async def record(self, meter: str, reading: dict) -> None:
        if not verify_crc(reading):
            return
        await store.hset(f"meter:{meter}", "last", str(reading["value"]))


log = MeterLog()


@router.websocket("/meters/{meter}")
async def meter_feed(ws: WebSocket, meter: str) -> None:
    await ws.accept()  # expect: websocket-lifecycle
    try:
        while True:
            reading = await ws.receive_json()
            await log.record(meter, reading)
    except WebSocketDisconnect:
        return
