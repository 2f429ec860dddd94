from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from depot.board import JobBoard
from depot.loops import expire_holds, route_new

engine = create_async_engine("postgresql+asyncpg://depot@db/depot", pool_timeout=5)
sessions = async_sessionmaker(engine)


@asynccontextmanager
async def lifespan(app: FastAPI):
    board = JobBoard()
    board.register("expire-holds", lambda: expire_holds(sessions))
    board.register("route-new", lambda: route_new(sessions))
    board.start()
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)
