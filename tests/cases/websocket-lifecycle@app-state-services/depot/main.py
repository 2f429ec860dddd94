from contextlib import asynccontextmanager

from fastapi import FastAPI

from depot.hubs import Services
from depot.sockets import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.services = Services()
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(router)
