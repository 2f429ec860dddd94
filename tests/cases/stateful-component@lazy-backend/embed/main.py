"""The embedding API."""
from __future__ import annotations

from fastapi import FastAPI

from embed.limits import embedder, remember_caller

app = FastAPI()


@app.post("/embed")
async def embed(texts: list[str], caller: str) -> dict:
    remember_caller(caller)
    vectors = await embedder.embed(texts)
    return {"vectors": vectors, "dimensions": embedder.dimensions, "batch": embedder.last_batch_size()}
