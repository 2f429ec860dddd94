from fastapi import FastAPI
from redis import Redis

from queues.depth import depths, queue_depth

app = FastAPI()
r = Redis(host="cache", socket_timeout=2)


@app.get("/queues/{name}")
def one(name: str) -> int:
    return queue_depth(name, r)


@app.post("/queues")
def many(names: list[str]) -> dict[str, int]:
    return depths(names, r)
