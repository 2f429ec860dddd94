from contextlib import asynccontextmanager

from fastapi import FastAPI

from svc.api import router, warm_up


@asynccontextmanager
async def lifespan(app: FastAPI):
    warm_up()
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(router)
