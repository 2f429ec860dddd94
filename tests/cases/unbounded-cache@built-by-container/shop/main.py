from __future__ import annotations

import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from shop.services import build_container, build_drafts


@asynccontextmanager
async def lifespan(app: FastAPI):
    container = build_container()
    app.state.container = container
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/offers")
async def issue(request: Request, sku: str, price: int) -> dict:
    offer = await request.app.state.container.offers.issue(sku, price)
    return {"id": str(offer.id)}


@app.post("/offers/{offer_id}/redeem")
async def redeem(request: Request, offer_id: uuid.UUID) -> dict:
    offer = await request.app.state.container.offers.redeem(offer_id)
    return {"found": offer is not None}


@app.post("/drafts")
async def draft(sku: str, price: int) -> dict:
    drafts = build_drafts()
    offer = await drafts.issue(sku, price)
    return {"found": await drafts.redeem(offer.id) is not None}
