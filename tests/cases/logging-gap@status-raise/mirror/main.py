"""Catalogue service."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from mirror.store import CatalogueStore
from mirror.sync import CatalogueMirror
from mirror.vendor import VendorClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://mirror@db/mirror", command_timeout=30)
    vendor = VendorClient("https://vendor.example.com")
    mirror = CatalogueMirror(CatalogueStore(pool), vendor)
    task = asyncio.create_task(mirror.run(), name="catalogue-mirror")
    task.add_done_callback(lambda t: None if t.cancelled() else t.exception())
    yield
    task.cancel()
    await vendor.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/items/{sku}")
async def item(sku: str) -> dict:
    return {"sku": sku}
