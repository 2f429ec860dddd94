from __future__ import annotations

from fastapi import FastAPI

from .recorder import BlobStore, build_all, consumer, fetch_blobs, notify_all, relay

app = FastAPI()


@app.post("/events")
async def events(batch: list[dict]) -> dict:
    async with consumer(50) as handle, relay() as publish:
        for event in batch:
            await handle(event)
            publish(event)
    return {"ok": True}


@app.post("/resources")
async def resources(collections: list[list[dict]]) -> dict:
    return {"built": len(await build_all(collections))}


@app.post("/hooks")
async def hooks(urls: list[str]) -> dict:
    await notify_all(urls)
    return {"sent": len(urls)}


@app.post("/blobs")
async def blobs(keys: list[str], store: BlobStore) -> dict:
    return {"sizes": [len(b) for b in await fetch_blobs(store, keys)]}
