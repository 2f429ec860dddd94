from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException

from api.feed import Feed, TooManyConnections
from api.middleware import PerIpLimit


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.feed = Feed(max_per_user=3)
    yield


app = FastAPI(lifespan=lifespan)
app.add_middleware(PerIpLimit, per_minute=600)


@app.post("/feed/{user_id}/subscriptions")
async def subscribe(user_id: int) -> dict[str, int]:
    try:
        queue = app.state.feed.subscribe(user_id)
    except TooManyConnections as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"pending": queue.qsize()}
