from fastapi import FastAPI

from shop import checkout, pricing

app = FastAPI()
store = object()


@app.post("/users/{user_id}/checkout")
async def do_checkout(user_id: int) -> dict:
    await checkout.checkout(user_id, store)
    return {}


@app.post("/users/{user_id}/reprice")
async def do_reprice(user_id: int) -> dict:
    await pricing.reprice(user_id, store)
    await pricing.refresh_catalog(store)
    await checkout.wishlist(user_id, store)
    return {}
