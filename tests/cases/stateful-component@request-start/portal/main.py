"""Routes resolve the wizard and the feed from app.state."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request

from portal.wizard import PlanWizard, PriceFeed


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.wizard = PlanWizard()
    app.state.feed = PriceFeed()
    app.state.feed.start(["EUR", "USD"])
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/accounts/{account_id}/plan-change")
async def start_change(account_id: int, plan: str, request: Request) -> dict:
    return {"token": request.app.state.wizard.start(account_id, plan)}


@app.post("/accounts/{account_id}/plan-change/{token}")
async def confirm_change(account_id: int, token: str, request: Request) -> dict:
    change = request.app.state.wizard.confirm(token, account_id)
    if change is None:
        raise HTTPException(404, "expired")
    return {"plan": change.plan}


@app.get("/prices/{symbol}")
async def price(symbol: str, request: Request) -> dict:
    return {"price": request.app.state.feed.price(symbol)}
