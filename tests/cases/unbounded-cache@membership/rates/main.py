import httpx
from fastapi import FastAPI

from rates.lookups import register_hook, tariff

app = FastAPI()
client = httpx.AsyncClient(timeout=5.0)


@app.get("/tariffs/{code}")
async def get_tariff(code: str) -> dict:
    return await tariff(code)


@app.post("/hooks/{name}")
async def add_hook(name: str, url: str) -> None:
    await register_hook(name, url, client)
