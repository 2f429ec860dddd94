import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from catalogue.client import CatalogueClient
from catalogue.sync import CatalogueSync


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(CatalogueSync(CatalogueClient("https://catalogue.example.org")).run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
