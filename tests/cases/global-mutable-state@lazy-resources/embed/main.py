"""The embedding API."""
from __future__ import annotations

from fastapi import FastAPI

from embed.limits import embedder, remember_caller

app = FastAPI()


@app.post("/embed")
async def embed(texts: list[str], caller: str) -> dict:
    remember_caller(caller)
    return {"vectors": await embedder.embed(texts)}
