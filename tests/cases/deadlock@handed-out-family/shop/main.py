from fastapi import FastAPI

from .checkout import abandon_cart, close_store_day, release_cart

app = FastAPI()


@app.post("/carts/{cart_id}/abandon")
async def abandon(cart_id: str, auth_id: str) -> dict:
    await abandon_cart(cart_id, auth_id)
    return {"ok": True}


@app.post("/stores/{store_id}/close")
async def close(store_id: int, auth_ids: list[str]) -> dict:
    await close_store_day(store_id, auth_ids)
    return {"ok": True}


@app.post("/carts/{cart_id}/release")
async def release(cart_id: str, auth_id: str) -> dict:
    await release_cart(cart_id, auth_id, {})
    return {"ok": True}
