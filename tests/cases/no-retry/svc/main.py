from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from svc.clients import CatalogClient, PaymentClient, ProfileClient, StockClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.profiles = ProfileClient()
    app.state.catalog = CatalogClient()
    app.state.stock = StockClient()
    app.state.payments = PaymentClient()
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/me/{user_id}")
async def me(user_id: int, request: Request) -> dict:
    profiles: ProfileClient = request.app.state.profiles
    return {"profile": await profiles.profile(user_id), "avatar": len(await profiles.avatar(user_id))}


@app.get("/items/{item_id}")
async def item(item_id: int, request: Request) -> dict:
    catalog: CatalogClient = request.app.state.catalog
    stock: StockClient = request.app.state.stock
    return {"item": await catalog.item(item_id), "stock": await stock.level(item_id)}


@app.post("/charges")
async def charge(amount: int, request: Request) -> dict:
    payments: PaymentClient = request.app.state.payments
    return await payments.charge(amount)
