import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from stations.collector import Collector
from stations.vendor import ArchiveClient, VendorClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    vendor = VendorClient("https://vendor.example.com/api")
    app.state.vendor = vendor
    collector = Collector(vendor, ArchiveClient("https://archive.example.com"), ["st-1", "st-2"])
    task = asyncio.create_task(collector.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/firmware/{model}")
async def firmware(model: str) -> dict:
    return {"size": len(await app.state.vendor.firmware(model))}
