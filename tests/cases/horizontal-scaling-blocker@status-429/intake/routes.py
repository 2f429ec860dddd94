from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import JSONResponse

from intake.throttle import allow, leave, partner_ok, stale, try_enter

router = APIRouter()


@router.post("/webhooks/{shop_id}/orders")
async def order_created(shop_id: str, request: Request) -> dict[str, bool]:
    if not allow(shop_id):
        raise HTTPException(status_code=429, detail="webhook rate exceeded")
    await request.body()
    return {"accepted": True}


@router.post("/partners/{partner}/events")
async def partner_event(partner: str, request: Request):
    if not partner_ok(partner):
        return JSONResponse({"detail": "slow down"}, status_code=status.HTTP_429_TOO_MANY_REQUESTS)
    return {"accepted": True, "size": len(await request.body())}


@router.post("/shops/{shop_id}/import")
async def import_orders(shop_id: str) -> dict[str, bool]:
    if not try_enter(shop_id):
        raise HTTPException(status_code=503, detail="busy, retry shortly")
    try:
        return {"started": True}
    finally:
        leave(shop_id)


@router.post("/shops/{shop_id}/sync")
async def sync(shop_id: str) -> dict[str, bool]:
    if not stale(shop_id):
        return {"synced": False}
    return {"synced": True}
