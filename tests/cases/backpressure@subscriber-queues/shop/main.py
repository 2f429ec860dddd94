"""Storefront: server-sent events for buyers and sellers."""
import json
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from shop.streams import BuyerStreams, SellerStreams

app = FastAPI()
buyers = BuyerStreams()
sellers = SellerStreams()


@app.get("/buyers/{buyer_id}/events")
async def buyer_events(request: Request, buyer_id: int) -> StreamingResponse:
    queue = buyers.open(buyer_id)

    async def stream() -> AsyncIterator[str]:
        try:
            while not await request.is_disconnected():
                event = await queue.get()
                yield f"data: {json.dumps(event)}\n\n"
        finally:
            buyers.close(buyer_id, queue)

    return StreamingResponse(stream(), media_type="text/event-stream")


@app.post("/orders/{order_id}/shipped")
async def shipped(order_id: int, buyer_id: int, seller_id: int) -> dict[str, bool]:
    buyers.publish(buyer_id, {"type": "shipped", "order_id": order_id})
    sellers.publish(seller_id, {"type": "shipped", "order_id": order_id})
    return {"ok": True}
