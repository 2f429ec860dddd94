from fastapi import FastAPI, Request

from payhooks.service import PaymentEvents

app = FastAPI()
events = PaymentEvents()


@app.post("/webhooks/payments", status_code=204)
async def payments_webhook(request: Request) -> None:
    await events.handle_webhook(await request.body())


@app.post("/webhooks/refunds", status_code=204)
async def refunds_webhook(request: Request) -> None:
    await events.handle_refund(await request.body())


@app.get("/members/{member_id}/preferences")
async def member_preferences(member_id: int, raw: str = "{}") -> dict:
    return await events.preferences(raw)
