"""Kiln firing service: the lifespan starts the glaze-batch sweep and the firing dispatcher."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from kiln.dispatch import FiringDispatcher
from kiln.sweep import GlazeSweep


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/kiln", command_timeout=30)
    sweep = asyncio.create_task(GlazeSweep(pool).loop())
    dispatcher = asyncio.create_task(FiringDispatcher(pool).poll())
    yield
    sweep.cancel()
    dispatcher.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
