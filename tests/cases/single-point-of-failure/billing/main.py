from fastapi import FastAPI, Request

from billing.idempotency import reject_duplicate

app = FastAPI()


@app.middleware("http")
async def idempotency(request: Request, call_next):
    duplicate = await reject_duplicate(request)
    return duplicate or await call_next(request)


@app.post("/payments")
async def create_payment(amount_cents: int) -> dict[str, int]:
    return {"amount_cents": amount_cents}


@app.post("/refunds")
async def create_refund(payment_id: int) -> dict[str, int]:
    return {"payment_id": payment_id}
