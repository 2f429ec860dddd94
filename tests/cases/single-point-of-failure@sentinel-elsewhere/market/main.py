from fastapi import FastAPI, HTTPException

from market.stores import cache, sessions

app = FastAPI()


@app.get("/listings/{listing_id}/views")
async def views(listing_id: int) -> dict[str, int]:
    return {"views": int(await cache.get(f"views:{listing_id}") or 0)}


@app.get("/carts/{cart_id}")
async def cart(cart_id: str) -> dict[str, str]:
    raw = await sessions.hgetall(f"cart:{cart_id}")
    if not raw:
        raise HTTPException(status_code=404)
    return {k.decode(): v.decode() for k, v in raw.items()}
