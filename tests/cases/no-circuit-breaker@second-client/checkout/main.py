"""Checkout API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Header, Request

from checkout.payments import PaymentClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.payments = PaymentClient("https://pay.example.com")
    yield
    await app.state.payments.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/orders/{order_id}/authorize")
async def authorize(order_id: int, cents: int, request: Request, idempotency_key: str = Header(...)) -> dict:
    return {"intent": await request.app.state.payments.authorize(order_id, cents, idempotency_key)}


@app.post("/intents/{intent_id}/capture")
async def capture(intent_id: str, request: Request, idempotency_key: str = Header(...)) -> dict:
    return {"status": await request.app.state.payments.capture(intent_id, idempotency_key)}


@app.post("/intents/{intent_id}/refund")
async def refund(intent_id: str, cents: int, request: Request) -> dict:
    await request.app.state.payments.refund(intent_id, cents)
    return {"refunded": cents}
