from fastapi import FastAPI

from .pool import LinkPool

app = FastAPI()
POOL = LinkPool()


@app.post("/peers/{peer}")
async def connect(peer: str) -> dict:
    await POOL.connect(peer)
    await POOL.connect_noted(peer)
    await POOL.connect_sometimes(peer, eager=True)
    return {"peer": peer}
