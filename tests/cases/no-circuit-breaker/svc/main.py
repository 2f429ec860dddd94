from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from svc.clients import InventoryClient, ProfileClient, exchange_rate


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.profiles = ProfileClient()
    app.state.inventory = InventoryClient()
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/me/{user_id}")
async def me(user_id: int, request: Request) -> dict:
    profiles: ProfileClient = request.app.state.profiles
    return await profiles.profile(user_id)


@app.get("/friends/{user_id}")
async def friend(user_id: int, request: Request) -> dict:
    profiles: ProfileClient = request.app.state.profiles
    return await profiles.profile(user_id + 1)


@app.get("/stock/{item_id}")
async def stock(item_id: int, request: Request) -> dict:
    inventory: InventoryClient = request.app.state.inventory
    return {"level": await inventory.level(item_id)}


@app.get("/stock/{item_id}/again")
async def stock_again(item_id: int, request: Request) -> dict:
    inventory: InventoryClient = request.app.state.inventory
    return {"level": await inventory.level(item_id)}


@app.get("/rate")
async def rate() -> dict:
    return {"eur": await exchange_rate()}
