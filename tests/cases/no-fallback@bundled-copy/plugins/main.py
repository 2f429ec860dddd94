from __future__ import annotations

from fastapi import FastAPI

from .registry import download_count, registry_view

app = FastAPI()


@app.get("/views/{view}")
async def view(view: str) -> dict:
    return await registry_view(view)


@app.get("/plugins/{name}/downloads")
async def downloads(name: str) -> dict:
    return {"downloads": await download_count(name)}
