from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from redis.asyncio import Redis

from clinic.services.booking import BookingService, RateLimited, SearchService
from clinic.util.limits import RecentCalls

login_guard = RecentCalls(per_minute=5)  # expect: horizontal-scaling-blocker


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.booking = BookingService()
    app.state.search = SearchService(Redis.from_url("redis://cache", socket_timeout=2))
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/login")
async def login(email: str) -> dict:
    if not login_guard.permit(email):
        raise HTTPException(status_code=429, detail="too many attempts")
    return {"ok": True}


@app.post("/bookings")
async def book(request: Request, patient: str, slot: int) -> dict:
    try:
        return await request.app.state.booking.book(patient, slot)
    except RateLimited:
        raise HTTPException(status_code=429)


@app.get("/search")
async def search(request: Request, client: str, q: str) -> list[str]:
    try:
        return await request.app.state.search.search(client, q)
    except RateLimited:
        raise HTTPException(status_code=429)
