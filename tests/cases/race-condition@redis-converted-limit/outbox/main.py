from fastapi import FastAPI
from redis.asyncio import Redis

from outbox.limits import SendBudget
from outbox.spend import charge_sms

app = FastAPI()
cache = Redis.from_url("redis://cache:6379/0", socket_timeout=2.0)
budget = SendBudget(cache, per_day=200)


@app.post("/accounts/{account}/emails")
async def send_email(account: str) -> None:
    await budget.take_email(account)


@app.post("/accounts/{account}/pushes")
async def send_push(account: str) -> None:
    await budget.take_atomic(account)


@app.post("/accounts/{account}/peaks")
async def peak(account: str, seen: int) -> None:
    await budget.remember_peak(account, seen)


@app.post("/accounts/{account}/sms")
async def send_sms(account: str, cents: int) -> None:
    await charge_sms(cache, account, cents, cap=5_000)


@app.post("/accounts/{account}/batches")
async def batch(account: str, wanted: int) -> dict:
    return {"granted": await budget.grant_batch(account, wanted),
            "atomic": await budget.grant_batch_atomic(account, wanted)}
