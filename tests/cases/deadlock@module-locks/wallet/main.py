"""Wallet API."""
from fastapi import FastAPI

from wallet.services.balances import BalanceService
from wallet.services.payouts import PayoutService

app = FastAPI()
balances = BalanceService()
payouts = PayoutService(balances)


@app.post("/payouts/run")
async def run_payouts(sellers: list[int]) -> dict[str, int]:
    return {"sent": await payouts.run_batch(sellers)}


@app.post("/sellers/{seller_id}/refunds")
async def refund(seller_id: int, amount: int) -> dict[str, bool]:
    await balances.refund(seller_id, amount)
    return {"ok": True}


@app.get("/report")
async def report() -> dict[str, int]:
    return {"entries": await payouts.summary()}
