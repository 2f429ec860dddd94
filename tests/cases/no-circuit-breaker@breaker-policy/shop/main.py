"""Shop API: one route each for checkout, FX quotes, onboarding and test webhooks."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from shop.clients import FxClient, KycClient, PaymentsClient, WebhookSender
from shop.services import OnboardingService


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.payments = PaymentsClient("https://payments.example.com")
    app.state.fx = FxClient("https://fx.example.com")
    app.state.onboarding = OnboardingService(KycClient("https://kyc.example.com"))
    app.state.webhooks = WebhookSender()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/orders/{order_id}/pay")
async def pay(order_id: int, cents: int, request: Request) -> dict:
    return {"charge": await request.app.state.payments.charge(order_id, cents)}


@app.get("/fx/{pair}")
async def fx(pair: str, request: Request) -> dict:
    return {"rate": await request.app.state.fx.rate(pair)}


@app.post("/customers/{customer_id}")
async def onboard(customer_id: int, name: str, request: Request) -> dict:
    return await request.app.state.onboarding.onboard(customer_id, name)


@app.post("/webhooks/test")
async def test_webhook(url: str, request: Request) -> dict:
    return {"status": await request.app.state.webhooks.deliver(url, {"type": "ping"})}
