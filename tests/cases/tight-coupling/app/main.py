import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from app.database import DataManager
from app.routes import admin, orders
from app.services.orders import OrderService
from app.workers.cleanup import Cleanup


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://localhost/app")
    dm = DataManager(pool)
    app.state.dm = dm
    app.state.orders = OrderService(dm)
    cleanup = Cleanup(dm)
    task = asyncio.create_task(cleanup.run())
    yield
    task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(orders.router)
app.include_router(admin.router)
