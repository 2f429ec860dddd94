"""Starts the mirror with the application."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from mirror.remote import PackageIndex, Store
from mirror.worker import Mirror


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://mirror@db/mirror", command_timeout=30)
    mirror = Mirror(PackageIndex("https://index.example.com"), Store(pool), interval=300)
    task = asyncio.create_task(mirror.run())
    yield
    task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
