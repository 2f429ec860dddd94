"""Berth notices: relayed from a stream, but the ETA poller sends straight to local sockets."""
import asyncio

import asyncpg
from fastapi import WebSocket
from redis.asyncio import Redis


class Captains:
    def __init__(self) -> None:
        self.sockets: dict[str, set[WebSocket]] = {}

    def add(self, vessel: str, ws: WebSocket) -> None:
        self.sockets.setdefault(vessel, set()).add(ws)

    async def send(self, vessel: str, notice: dict) -> None:
        for ws in list(self.sockets.get(vessel, ())):
            await ws.send_json(notice)


captains = Captains()


async def follow_stream(redis: Redis) -> None:
    last = "$"
    while True:
        for _stream, entries in await redis.xread({"berth-notices": last}, block=5000) or []:
            for entry_id, fields in entries:
                last = entry_id
                await captains.send(fields["vessel"], {"berth": fields["berth"]})


async def poll_etas(pool: asyncpg.Pool) -> None:
    while True:
        try:
            rows = await pool.fetch("SELECT vessel, eta FROM arrivals WHERE eta_changed")
            for row in rows:
                await captains.send(row["vessel"], {"eta": row["eta"].isoformat()})  # expect: horizontal-scaling-blocker
        except asyncpg.PostgresError:
            pass
        await asyncio.sleep(30)
