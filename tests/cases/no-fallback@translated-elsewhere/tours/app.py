from __future__ import annotations

from fastapi import FastAPI, HTTPException

from tours.booking import PaymentService, SeatService
from tours.clients import CardGateway, CurrencyApi, OperatorApi
from tours.errors import HoldFailed, PaymentFailed

app = FastAPI()
payments = PaymentService(CurrencyApi("https://fx.example.com"), CardGateway("https://cards.example.com"))
seats = SeatService(OperatorApi("https://operator.example.com"))


@app.post("/tours/{tour_id}/pay")
async def pay(tour_id: int, price: int, currency: str, card_currency: str, token: str) -> dict:
    try:
        return {"auth": await payments.charge(price, currency, card_currency, token)}
    except PaymentFailed as exc:
        raise HTTPException(402, str(exc)) from exc


@app.post("/tours/{tour_id}/hold")
async def hold(tour_id: int, count: int) -> dict:
    try:
        return {"hold": await seats.reserve(tour_id, count)}
    except HoldFailed as exc:
        raise HTTPException(409, str(exc)) from exc


@app.post("/tours/{tour_id}/hold-safe")
async def hold_safe(tour_id: int, count: int) -> dict:
    try:
        return {"hold": await seats.reserve_guarded(tour_id, count)}
    except HoldFailed as exc:
        raise HTTPException(409, str(exc)) from exc
