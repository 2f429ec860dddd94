"""Seat holds API: a per-session cap and single-seat claims kept in redis."""
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, Request

from seats.services.holds import HoldService


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis", decode_responses=True)
    app.state.holds = HoldService(client)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/events/{event_id}/holds")
async def hold(event_id: int, seat_ids: list[int], session_id: str, request: Request) -> dict[str, int]:
    holds: HoldService = request.app.state.holds
    await holds.hold(event_id, seat_ids, session_id)
    await holds.hold_atomic(event_id, seat_ids, session_id)
    await holds.claim(event_id, seat_ids[0], session_id)
    await holds.claim_nx(event_id, seat_ids[0], session_id)
    await holds.refresh(event_id, seat_ids[0], session_id)
    return {"layout": len(await holds.layout(event_id))}
