from fastapi import FastAPI

from fetcher.lookups import LookupManager

app = FastAPI()
manager = LookupManager(backend=None)


@app.get("/lookup/{key}")
async def lookup(key: str) -> dict:
    return {"result": await manager.lookup(key, 10.0)}


@app.put("/lookup/{key}")
async def replace(key: str) -> dict:
    await manager.replace(key, object())
    return {}
