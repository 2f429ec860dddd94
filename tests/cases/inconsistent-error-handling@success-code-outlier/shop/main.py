"""Purchases: one route answers a failed payment with 200, the other with 409."""
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

from shop.payments import PaymentFailed, charge, refund

app = FastAPI()


@app.post("/refunds/{ref}")
async def refund_purchase(ref: str) -> dict:
    try:
        await refund(ref)
    except PaymentFailed as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"ok": True}


@app.post("/purchases")
async def purchase(sku: str) -> dict:
    try:
        ref = await charge(sku)
    except PaymentFailed as exc:
        return JSONResponse(status_code=200, content={"ok": False, "message": str(exc)})  # expect: inconsistent-error-handling
    return {"ok": True, "ref": ref}
