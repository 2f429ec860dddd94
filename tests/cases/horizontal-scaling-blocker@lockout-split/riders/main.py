"""Rider login API."""
import httpx
from fastapi import FastAPI

from riders.guards import HostBreaker, LoginGuard

app = FastAPI()
guard = LoginGuard(max_failures=5)  # expect: horizontal-scaling-blocker
breaker = HostBreaker()
client = httpx.AsyncClient(base_url="https://auth.internal", timeout=5)


@app.post("/login")
async def login(email: str, password: str) -> dict:
    guard.check(email)
    resp = await client.post("/verify", json={"email": email, "password": password})
    if resp.status_code != 200:
        guard.record_failure(email)
        return {"ok": False}
    guard.reset(email)
    return {"ok": True}


@app.get("/profile/{rider_id}")
async def profile(rider_id: int) -> dict:
    breaker.check("profiles")
    try:
        resp = await client.get(f"/profiles/{rider_id}")
    except httpx.HTTPError:
        breaker.record_failure("profiles")
        raise
    return resp.json()
