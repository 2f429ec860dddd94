"""Engine and session factory, built in the lifespan and kept on `app.state`."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_async_engine("postgresql+asyncpg://orchard@db/orchard", pool_pre_ping=True)
    app.state.db = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()
