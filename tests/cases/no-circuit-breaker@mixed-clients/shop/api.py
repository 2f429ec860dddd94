"""Product search and live price API."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from . import search

app = FastAPI()


@app.get("/products/search")
async def search_products(q: str, ids: str) -> dict[str, list]:
    hints = await search.suggestions(q)
    ranked = await search.rank_products(q, [int(i) for i in ids.split(",")])
    return {"ids": ranked, "hints": hints}


@app.get("/shops/{shop_id}/prices")
async def live_prices(shop_id: int) -> StreamingResponse:
    async def body():
        async for event in search.price_events(shop_id):
            yield f"data: {event}\n\n"
    return StreamingResponse(body(), media_type="text/event-stream")
