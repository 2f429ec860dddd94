from contextlib import asynccontextmanager

from fastapi import FastAPI

from shop.db import open_pool
from shop.repository import ProductRepository
from shop.routes import auth, orders, products, stock
from shop.sessions import sessions
from shop.stock_feed import feed


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await open_pool()
    app.state.products = ProductRepository(pool)
    await feed.start()
    yield
    await feed.stop()
    await sessions.close()
    await pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(auth.router)
app.include_router(products.router)
app.include_router(orders.router)
app.include_router(stock.router)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
