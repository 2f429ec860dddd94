"""Catalog API: lists a database's objects through one inspector per object kind."""
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from sqlalchemy import create_engine

from catalog.inspectors import ColumnInspector, Inspector, SequenceInspector
from catalog.service import CatalogService

engine = create_engine("postgresql://catalog@db/catalog", pool_size=5)
service = CatalogService([ColumnInspector(engine), SequenceInspector(engine)])


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/schemas/{schema}/objects")
async def objects(schema: str) -> list[str]:
    return await service.describe(schema)


def inspectors() -> list[Inspector]:
    return [ColumnInspector(engine), SequenceInspector(engine)]
