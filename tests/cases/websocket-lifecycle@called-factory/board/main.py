from fastapi import FastAPI

from .sockets import router

app = FastAPI()
app.include_router(router)
