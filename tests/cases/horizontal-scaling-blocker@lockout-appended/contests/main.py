"""Contest site login API."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from contests.guards import HostBreaker, LoginThrottle


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.throttle = LoginThrottle()
    app.state.breaker = HostBreaker()
    app.state.client = httpx.AsyncClient(base_url="https://auth.internal", timeout=5)
    yield
    await app.state.client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/login")
async def login(request: Request, handle: str, password: str) -> dict:
    throttle: LoginThrottle = request.app.state.throttle
    throttle.check(handle)
    resp = await request.app.state.client.post("/verify", json={"handle": handle, "password": password})
    if resp.status_code != 200:
        throttle.record_failure(handle)
        return {"ok": False}
    throttle.reset(handle)
    return {"ok": True}


@app.get("/profile/{user_id}")
async def profile(request: Request, user_id: int) -> dict:
    breaker: HostBreaker = request.app.state.breaker
    breaker.check("profiles")
    try:
        resp = await request.app.state.client.get(f"/profiles/{user_id}")
    except httpx.HTTPError:
        breaker.record_failure("profiles")
        raise
    return resp.json()
