"""The API app."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from app.database import DataManager
from app.routes import orders
from app.services.orders import OrderService


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://localhost/app")
    dm = DataManager(pool)
    app.state.orders = OrderService(dm)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(orders.router)
