"""The API app: routers, and the poller started with it."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.routes import admin, orders
from app.services.billing import Billing
from app.workers.poller import Poller


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.billing = Billing()
    poller = Poller()
    task = asyncio.create_task(poller.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
app.include_router(orders.router, prefix="/api")
app.include_router(admin.router, prefix="/api")
