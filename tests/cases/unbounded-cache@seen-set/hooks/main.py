from __future__ import annotations

from fastapi import FastAPI, Header

from hooks.dedupe import BatchDeduper, DeliveryFilter, SubscriberSet

app = FastAPI()
deliveries = DeliveryFilter()
streams = SubscriberSet()


@app.post("/hooks/provider")
async def provider_hook(payload: dict, x_delivery_id: str = Header()) -> dict:
    if not deliveries.is_new(x_delivery_id):
        return {"status": "duplicate"}
    return {"status": "accepted"}


@app.post("/streams/{stream_id}")
async def open_stream(stream_id: str) -> None:
    streams.opened(stream_id)


@app.delete("/streams/{stream_id}")
async def close_stream(stream_id: str) -> None:
    streams.closed(stream_id)


@app.post("/batches")
async def import_batch(keys: list[str]) -> int:
    dedupe = BatchDeduper()
    return sum(1 for key in keys if dedupe.first(key))
