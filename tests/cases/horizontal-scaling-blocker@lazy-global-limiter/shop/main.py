from __future__ import annotations

from fastapi import FastAPI, HTTPException

from shop import deps
from shop.exports import ExportQuotaExceeded

app = FastAPI()


@app.get("/catalogue/{customer}")
async def catalogue(customer: str) -> dict:
    if not deps.bucket().take(customer):
        raise HTTPException(status_code=429, detail="slow down")
    return {"items": []}


@app.get("/prices/{customer}")
async def prices(customer: str) -> dict:
    if not await deps.shared_bucket().take(customer):
        raise HTTPException(status_code=429, detail="slow down")
    return {"prices": []}


@app.post("/accounts/{account_id}/exports")
async def start_export(account_id: int) -> dict:
    try:
        deps.export_quota().check(account_id)
    except ExportQuotaExceeded as exc:
        raise HTTPException(status_code=429, detail=str(exc)) from exc
    return {"status": "queued"}
