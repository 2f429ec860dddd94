from fastapi import FastAPI

from accounts.pins import check_pin, check_pin_shared
from accounts.refunds import RefundBook

app = FastAPI()
book = RefundBook(db=None)


@app.post("/kiosk/{card}/login")
async def kiosk_login(card: int, pin: str) -> dict:
    await check_pin(card, pin, store=None)
    return {}


@app.post("/kiosk/{card}/login-shared")
async def kiosk_login_shared(card: int, pin: str) -> dict:
    await check_pin_shared(card, pin, store=None, redis=None)
    return {}


@app.post("/callbacks/refunds/{ref}")
async def refund_callback(ref: str, amount: int) -> dict:
    return {"status": await book.apply(ref, amount)}
