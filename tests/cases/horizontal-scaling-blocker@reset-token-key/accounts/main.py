"""Accounts API."""
from fastapi import FastAPI, HTTPException
from redis.asyncio import Redis

from accounts.mail import Mailer
from accounts.resets import PasswordResets, SharedPasswordResets

app = FastAPI()
mailer = Mailer()
resets = PasswordResets(mailer)
shared = SharedPasswordResets(mailer, Redis.from_url("redis://cache:6379/0", socket_timeout=2))


@app.post("/password/reset")
async def request_reset(user_id: int, email: str) -> None:
    await resets.request(user_id, email)


@app.post("/password/reset/confirm")
async def confirm_reset(token: str) -> dict:
    user_id = resets.consume(token)
    if user_id is None:
        raise HTTPException(status_code=400, detail="invalid token")
    return {"user_id": user_id}


@app.post("/v2/password/reset")
async def request_reset_v2(user_id: int, email: str) -> None:
    await shared.request(user_id, email)


@app.post("/v2/password/reset/confirm")
async def confirm_reset_v2(token: str) -> dict:
    return {"user_id": await shared.consume(token), "issued": shared.issued_count()}
