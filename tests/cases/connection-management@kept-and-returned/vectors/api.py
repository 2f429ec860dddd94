"""Search endpoints over both adapters."""
from __future__ import annotations

from fastapi import FastAPI

from vectors.stores import FreshAdapter, KeptAdapter

app = FastAPI()
kept = KeptAdapter("http://qdrant:6333")
fresh = FreshAdapter("http://qdrant:6333")


@app.get("/kept/{name}")
async def kept_collection(name: str) -> dict:
    client = await kept.get_client()
    return {"exists": await client.collection_exists(name)}


@app.get("/fresh/{name}")
async def fresh_collection(name: str) -> dict:
    client = await fresh.get_client()  # expect: connection-management
    return {"exists": await client.collection_exists(name)}
