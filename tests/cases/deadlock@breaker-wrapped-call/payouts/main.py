"""Payout API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from payouts.bank import BankClient
from payouts.service import PayoutService


@asynccontextmanager
async def lifespan(app: FastAPI):
    bank = BankClient()
    app.state.payouts = PayoutService(bank)
    yield
    await bank.close()


app = FastAPI(lifespan=lifespan)


@app.post("/payouts")
async def pay(iban: str, amount_cents: int, request: Request) -> dict[str, str]:
    service: PayoutService = request.app.state.payouts
    first = await service.pay(iban, amount_cents)
    second = await service.pay_counted(iban, amount_cents)
    return {"first": first, "second": second}
