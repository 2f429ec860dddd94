from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from parking.provider import Messaging, PaymentProvider, Tickets


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.payments = PaymentProvider("https://pay.example.com")
    app.state.messaging = Messaging("https://msg.example.com")
    app.state.tickets = Tickets("https://tickets.example.com")
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/sessions/{ref}/pay")
async def pay(ref: str, request: Request) -> dict:
    return {"capture": await request.app.state.payments.capture(ref, 500)}


@app.post("/sessions/{capture_id}/refund")
async def refund(capture_id: str, request: Request) -> dict:
    return {"refund": await request.app.state.payments.refund(capture_id, 500)}


@app.post("/notify/{to}")
async def notify(to: str, request: Request) -> dict:
    messaging = request.app.state.messaging
    await messaging.email(to, "hello")
    await messaging.sms(to, "hello")
    await messaging.push(to, "hello")
    return {"ok": True}


@app.post("/tickets/{code}/redeem")
async def redeem(code: str, request: Request) -> dict:
    tickets = request.app.state.tickets
    return {"ticket": await tickets.ticket(code), "redeemed": await tickets.redeem(code)}
