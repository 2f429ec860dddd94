import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from payouts.repository import PayoutRepository

app = FastAPI()
engine = create_async_engine("postgresql+asyncpg://db/payouts")
repo = PayoutRepository(async_sessionmaker(engine))
bank = httpx.AsyncClient(base_url="https://bank.example", timeout=10.0)


@app.post("/payouts/{payout_id}/send")
async def send_payout(payout_id: int) -> dict[str, str]:
    payout = await repo.get(payout_id)
    if payout.status == "paid":  # expect: race-condition
        return {"status": "already paid"}
    await bank.post("/transfers", json={"id": payout_id, "amount": payout.amount_cents})
    await repo.mark_paid(payout_id)
    return {"status": "paid"}


@app.get("/payouts/{payout_id}")
async def view_payout(payout_id: int) -> dict[str, str]:
    payout = await repo.get(payout_id)
    if payout.status == "cancelled":
        return {"status": "cancelled"}
    await repo.mark_viewed(payout_id)
    return {"status": payout.status}
