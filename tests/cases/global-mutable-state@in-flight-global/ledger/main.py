from fastapi import FastAPI

from ledger.clients import bank_client
from ledger.closing import close_month
from ledger.exports import export_ledger

app = FastAPI()


@app.post("/admin/close/{month}")
async def close(month: str) -> dict:
    return {"run": await close_month(month)}


@app.post("/accounts/{account}/export")
async def export(account: int) -> dict:
    return {"started": await export_ledger(account)}


@app.get("/bank/ping")
async def ping() -> dict:
    resp = await bank_client().get("/ping")
    return {"status": resp.status_code}
