from fastapi import FastAPI

from cachesvc.bounded import rates
from cachesvc.stores import cache_client, replica_client, sessions_client

app = FastAPI()
sessions = sessions_client()
cache = cache_client()
replica = replica_client()


@app.get("/sessions/{sid}")
async def get_session(sid: str) -> dict:
    return {"user": await sessions.get(f"s:{sid}")}


@app.get("/cache/{key}")
async def get_cached(key: str) -> dict:
    return {"value": await cache.get(key)}


@app.get("/rates/{pair}")
async def get_rate(pair: str) -> dict:
    return {"rate": await rates.get(pair)}


@app.get("/replica/{key}")
async def get_replica(key: str) -> dict:
    return {"value": await replica.get(key)}
