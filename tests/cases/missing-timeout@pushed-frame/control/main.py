from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from .channel import ControlChannel, legacy_balance

channel = ControlChannel()


@asynccontextmanager
async def lifespan(app: FastAPI):
    server = await channel.serve()
    yield
    server.close()


app = FastAPI(lifespan=lifespan)


@app.get("/accounts/{account}/balance")
async def balance(account: str) -> dict:
    return {"balance": await legacy_balance("legacy.internal", account)}
