from fastapi import FastAPI

from plant.sockets import router

app = FastAPI()
app.include_router(router)
