"""A service that calls an upstream over HTTP without propagating traces."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from prometheus_fastapi_instrumentator import Instrumentator


class Upstream:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=5)

    async def profile(self, user_id: int) -> dict:
        return (await self._client.get(f"/users/{user_id}")).json()

    async def close(self) -> None:
        await self._client.aclose()


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.upstream = Upstream("https://profiles.internal.example.com")
    yield
    await app.state.upstream.close()


app = FastAPI(lifespan=lifespan)  # expect: tracing-gap
Instrumentator().instrument(app).expose(app)


@app.get("/users/{user_id}")
async def user(user_id: int, request: Request) -> dict:
    upstream: Upstream = request.app.state.upstream
    return await upstream.profile(user_id)
