from __future__ import annotations

from fastapi import APIRouter, Depends

from ..auth import account_id, require_account, set_actor, signing_key

router = APIRouter()


@router.get("/orders")
async def list_orders(account: dict = Depends(require_account)) -> dict:
    return {"account": account_id(), "key": signing_key()[:2]}


@router.post("/orders")
async def create_order(body: dict) -> dict:
    set_actor(f"user:{body.get('user')}")
    return {"ok": True}
