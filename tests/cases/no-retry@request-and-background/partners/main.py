import asyncio

from fastapi import FastAPI

from partners.client import notify_partner, partner_limits, partner_profile

app = FastAPI()


@app.get("/partners/{partner_id}")
async def get_partner(partner_id: int) -> dict:
    return {"profile": await partner_profile(partner_id), "limits": await partner_limits(partner_id)}


@app.post("/partners/{partner_id}/orders")
async def place_order(partner_id: int) -> dict:
    asyncio.create_task(notify_partner(partner_id, "order.placed"))
    return {"partner_id": partner_id}


@app.post("/partners/{partner_id}/limits/warm")
async def warm_limits(partner_id: int) -> dict:
    # the same read the request path makes, already in the request-path finding
    asyncio.create_task(partner_limits(partner_id))
    return {"partner_id": partner_id}
