"""Checkout API: payment capture through a provider client."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from billing.checkout import CheckoutService
from billing.payments import PaymentsClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = PaymentsClient()
    app.state.checkout = CheckoutService(client)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/checkout/{intent_id}/confirm")
async def confirm(intent_id: str, request: Request) -> dict[str, str]:
    checkout: CheckoutService = request.app.state.checkout
    status = await checkout.confirm(intent_id)
    await checkout.confirm_unlocked(intent_id)
    await checkout.record(intent_id)
    token = await checkout.payments.token()
    return {"status": status, "token": token}
