from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from licences.provider import PollingFeed, VerificationProvider


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.provider = VerificationProvider("https://verify.example.com")
    app.state.feed = PollingFeed("https://feed.example.com")
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/licences")
async def submit(body: dict, request: Request) -> dict:
    return {"check": await request.app.state.provider.submit(body)}


@app.get("/licences/{check_id}")
async def result(check_id: str, request: Request) -> dict:
    return await request.app.state.provider.result(check_id)


@app.get("/feed/{topic}")
async def feed(topic: str, request: Request) -> dict:
    return await request.app.state.feed.latest(topic)


@app.get("/feed/{topic}/next")
async def feed_next(topic: str, request: Request) -> dict:
    return await request.app.state.feed.follow(topic)
