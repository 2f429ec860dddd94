from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from payouts.client import PayoutClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://payouts.example.com", timeout=10.0)
    app.state.payouts = PayoutClient(http)
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/payouts")
async def create(account: str, cents: int, ref: str, request: Request) -> dict:
    return {"id": await request.app.state.payouts.create(account, cents, ref)}


@app.post("/payouts/{payout_id}/cancel")
async def cancel(payout_id: str, request: Request) -> None:
    await request.app.state.payouts.cancel(payout_id)


@app.post("/payouts/{payout_id}/release")
async def release(payout_id: str, request: Request) -> None:
    await request.app.state.payouts.release(payout_id)


@app.post("/payouts/{payout_id}/notes")
async def annotate(payout_id: str, text: str, request: Request) -> None:
    await request.app.state.payouts.annotate(payout_id, text)
