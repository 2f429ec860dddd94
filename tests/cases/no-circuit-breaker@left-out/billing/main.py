from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from billing.breaker import Breaker
from billing.provider import Processor


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://processor.example.com", timeout=10.0)
    app.state.processor = Processor(http, Breaker())
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/charges")
async def charge(card: str, amount: int, key: str, request: Request) -> dict:
    return await request.app.state.processor.charge(card, amount, key=key)


@app.get("/charges/{charge_id}")
async def charge_status(charge_id: str, request: Request) -> dict:
    return await request.app.state.processor.charge_status(charge_id)


@app.post("/charges/{charge_id}/void")
async def void(charge_id: str, key: str, request: Request) -> dict:
    return await request.app.state.processor.void(charge_id, key=key)


@app.post("/charges/{charge_id}/notes")
async def note(charge_id: str, text: str, request: Request) -> None:
    await request.app.state.processor.note(charge_id, text)


@app.post("/charges/{charge_id}/refunds")
async def refund(charge_id: str, amount: int, key: str, request: Request) -> dict:
    return await request.app.state.processor.refund(charge_id, amount, key=key)
